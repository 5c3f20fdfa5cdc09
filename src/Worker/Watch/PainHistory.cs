using HipLog.Domain.DataRights;
using HipLog.Domain.Pain;
using HipLog.Domain.Time;
using HipLog.Domain.Watch;

namespace HipLog.Worker.Watch;

/// <summary>
/// What the pain watch remembers of each runner it has judged lately: their standing reports of the last weeks, kept
/// in step with the events as the subscription reads them. A runner met for the first time is read from the database
/// once (their last five weeks, never more); after that, judging a report costs no read at all, however many reports
/// arrive. Only the subscription's one thread uses it.
/// </summary>
/// <remarks>
/// What it remembers is only true if it followed every event since it was read: with several Workers, the watch moves
/// to another Worker when its leader stops, and may come back here later, after the other Worker judged events this one
/// never saw. <see cref="Resume"/> notices the gap (the page does not start where the last one ended) and forgets all.
/// </remarks>
public sealed class PainHistory(ErasureKeys keys, int capacity = 20_000)
{
    private long? followedTo;

    /// <summary>Five weeks for the rules, and a few days' margin for reports that arrive out of order.</summary>
    public static readonly TimeSpan Kept = TimeSpan.FromDays(PainRules.WindowDays + 5);

    private readonly Dictionary<string, RunnerPain> runners = new(StringComparer.Ordinal);

    public int Count => runners.Count;

    public ErasureKeys Keys => keys;

    public bool Knows(string runnerId) => runners.ContainsKey(runnerId);

    public RunnerPain this[string runnerId] => runners[runnerId];

    public void Remember(string runnerId, RunnerPain pain) => runners[runnerId] = pain;

    /// <summary>
    /// The runner's pain for a report of theirs. One forgotten since the page was read (their erasure was asked for
    /// earlier in it) starts again with nothing, as a runner who registers after an erasure does.
    /// </summary>
    public RunnerPain For(string runnerId, string timeZone, DateTimeOffset reportedAt, DateTimeOffset now)
    {
        if (!runners.TryGetValue(runnerId, out var pain))
            runners[runnerId] = pain = new RunnerPain(timeZone, reportedAt - Kept, [], now);
        return pain;
    }

    /// <summary>Before a page of events: forgets everything unless the page starts where the last one followed ended.</summary>
    /// <returns>Whether it forgot anything.</returns>
    public bool Resume(long pageFloor)
    {
        if (followedTo == pageFloor || runners.Count == 0)
            return false;
        Forget();
        return true;
    }

    public void Forget(string runnerId) => runners.Remove(runnerId);

    public void Forget()
    {
        runners.Clear();
        followedTo = null;
    }

    /// <summary>After a page of events: every event up to <paramref name="pageCeiling"/> has been followed.</summary>
    public void FollowedTo(long pageCeiling) => followedTo = pageCeiling;

    /// <summary>
    /// Follows a page through <paramref name="judge"/>: resumed where the last page ended, or forgotten after a gap; and
    /// forgotten when the page fails part way (it may have been followed in part), so the daemon's retry meets a memory
    /// read afresh.
    /// </summary>
    /// <returns>Whether it forgot everything before the page, for a gap.</returns>
    public async Task<bool> FollowPageAsync(long pageFloor, long pageCeiling, Func<Task> judge)
    {
        var resumed = Resume(pageFloor);
        try
        {
            await judge();
        }
        catch
        {
            Forget();
            throw;
        }

        FollowedTo(pageCeiling);
        return resumed;
    }

    /// <summary>Over capacity, forgets the half judged longest ago, but none of <paramref name="keep"/>; they are read again when they
    /// report.</summary>
    public void Trim(IReadOnlyCollection<string> keep)
    {
        if (runners.Count < capacity)
            return;
        foreach (var stale in runners.Where(r => !keep.Contains(r.Key)).OrderBy(r => r.Value.LastJudged).Take(capacity / 2)
            .Select(r => r.Key).ToList())
            runners.Remove(stale);
    }

    /// <summary>Keeps a remembered runner in step with one of their events.</summary>
    public void Follow(object data)
    {
        switch (data)
        {
            case PainReported e when runners.TryGetValue(e.RunnerId, out var pain):
                pain.Put(e.ReportId, e.Report);
                break;
            case PainReportCorrected e when runners.TryGetValue(e.RunnerId, out var pain) && pain.Has(e.ReportId):
                pain.Put(e.ReportId, e.Report);
                break;
            case PainReportRetracted e when runners.TryGetValue(e.RunnerId, out var pain):
                pain.Remove(e.ReportId);
                break;
            // Reports keep their instants; their local days move to the new zone.
            case Domain.Profiles.RunnerProfileUpdated e when runners.TryGetValue(e.RunnerId, out var pain):
                pain.Rezone(e.TimeZone);
                break;
            case Domain.Profiles.RunnerRegistered e when runners.TryGetValue(e.RunnerId, out var pain):
                pain.Rezone(e.TimeZone);
                break;
            // The request names the runner by key only; an erased runner who registers again starts with nothing.
            case Domain.DataRights.RunnerErasureRequested e:
                foreach (var erased in runners.Keys.Where(id => keys.For(id) == e.Key).ToList())
                    runners.Remove(erased);
                break;
        }
    }
}

/// <summary>One runner's recent standing reports, from <see cref="Since"/> on, as the rules read them (on their local days).</summary>
public sealed class RunnerPain
{
    private readonly Dictionary<Guid, ReportFacts> reports = new();
    private TimeZoneInfo zone;

    public RunnerPain(string timeZone, DateTimeOffset since, IEnumerable<(Guid Id, PainDetails Report)> standing, DateTimeOffset readAt)
    {
        TimeZone = timeZone;
        zone = LocalCalendar.FindZone(timeZone) ?? TimeZoneInfo.Utc;
        Since = since;
        LastJudged = readAt;
        foreach (var (id, report) in standing)
            Put(id, report);
    }

    public string TimeZone { get; private set; }

    public DateTimeOffset Since { get; private set; }

    public DateTimeOffset LastJudged { get; private set; }

    public bool Has(Guid reportId) => reports.ContainsKey(reportId);

    public void Put(Guid reportId, PainDetails report) => reports[reportId] = Facts(reportId, report, zone);

    public void Remove(Guid reportId) => reports.Remove(reportId);

    public void Rezone(string timeZone)
    {
        if (timeZone == TimeZone)
            return;
        TimeZone = timeZone;
        zone = LocalCalendar.FindZone(timeZone) ?? TimeZoneInfo.Utc;
        foreach (var (id, facts) in reports.ToList())
            reports[id] = facts with { Day = LocalCalendar.LocalDay(facts.ReportedAt, zone) };
    }

    public ReportFacts FactsOf(Guid reportId, PainDetails report) => Facts(reportId, report, zone);

    /// <summary>The reports the rules read for one reported at <paramref name="reportedAt"/>; older ones are let go.</summary>
    public IReadOnlyCollection<ReportFacts> Around(DateTimeOffset reportedAt, DateTimeOffset now)
    {
        LastJudged = now;
        var horizon = reportedAt - PainHistory.Kept;
        if (horizon > Since)
        {
            foreach (var old in reports.Where(r => r.Value.ReportedAt < horizon).Select(r => r.Key).ToList())
                reports.Remove(old);
            Since = horizon;
        }

        return reports.Values;
    }

    public bool Covers(DateTimeOffset reportedAt) => reportedAt - TimeSpan.FromDays(PainRules.WindowDays + 1) >= Since;

    private static ReportFacts Facts(Guid id, PainDetails r, TimeZoneInfo zone) =>
        new(id, r.ReportedAt, LocalCalendar.LocalDay(r.ReportedAt, zone), r.Location, r.Side, r.Timing, r.Score, r.RedFlags);
}
