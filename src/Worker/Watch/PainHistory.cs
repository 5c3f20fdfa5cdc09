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
public sealed class PainHistory(int capacity = 20_000)
{
    /// <summary>Five weeks for the rules, and a few days' margin for reports that arrive out of order.</summary>
    public static readonly TimeSpan Kept = TimeSpan.FromDays(PainRules.WindowDays + 5);

    private readonly Dictionary<string, RunnerPain> runners = new(StringComparer.Ordinal);

    public int Count => runners.Count;

    public bool Knows(string runnerId) => runners.ContainsKey(runnerId);

    public RunnerPain this[string runnerId] => runners[runnerId];

    public void Remember(string runnerId, RunnerPain pain) => runners[runnerId] = pain;

    /// <summary>Over capacity, forgets the half judged longest ago, but none of <paramref name="keep"/>; they are read again when they report.</summary>
    public void Trim(IReadOnlyCollection<string> keep)
    {
        if (runners.Count < capacity)
            return;
        foreach (var stale in runners.Where(r => !keep.Contains(r.Key)).OrderBy(r => r.Value.LastJudged).Take(capacity / 2).Select(r => r.Key).ToList())
            runners.Remove(stale);
    }

    /// <summary>Keeps a remembered runner in step with one of their events.</summary>
    public void Follow(object data)
    {
        switch (data)
        {
            case PainReported e when runners.TryGetValue(e.RunnerId, out var pain):
                pain.Reports[e.ReportId] = e.Report;
                break;
            case PainReportCorrected e when runners.TryGetValue(e.RunnerId, out var pain) && pain.Reports.ContainsKey(e.ReportId):
                pain.Reports[e.ReportId] = e.Report;
                break;
            case PainReportRetracted e when runners.TryGetValue(e.RunnerId, out var pain):
                pain.Reports.Remove(e.ReportId);
                break;
            // Reports keep their instants; their local days follow the zone when they are read.
            case Domain.Runners.RunnerProfileUpdated e when runners.TryGetValue(e.RunnerId, out var pain):
                pain.TimeZone = e.TimeZone;
                break;
            case Domain.Runners.RunnerRegistered e when runners.TryGetValue(e.RunnerId, out var pain):
                pain.TimeZone = e.TimeZone;
                break;
        }
    }
}

/// <summary>One runner's recent standing reports, from <see cref="Since"/> on, in their zone.</summary>
public sealed class RunnerPain(string timeZone, DateTimeOffset since, Dictionary<Guid, PainDetails> reports, DateTimeOffset readAt)
{
    public string TimeZone { get; set; } = timeZone;

    public DateTimeOffset Since { get; private set; } = since;

    public Dictionary<Guid, PainDetails> Reports { get; } = reports;

    public DateTimeOffset LastJudged { get; private set; } = readAt;

    /// <summary>The reports the rules read for one reported at <paramref name="reportedAt"/>; older ones are let go.</summary>
    public IReadOnlyList<ReportFacts> Around(DateTimeOffset reportedAt, DateTimeOffset now)
    {
        LastJudged = now;
        var horizon = reportedAt - PainHistory.Kept;
        if (horizon > Since)
        {
            foreach (var old in Reports.Where(r => r.Value.ReportedAt < horizon).Select(r => r.Key).ToList())
                Reports.Remove(old);
            Since = horizon;
        }

        var zone = LocalCalendar.FindZone(TimeZone) ?? TimeZoneInfo.Utc;
        return Reports.Select(r => Facts(r.Key, r.Value, zone)).ToList();
    }

    public bool Covers(DateTimeOffset reportedAt) => reportedAt - TimeSpan.FromDays(PainRules.WindowDays + 1) >= Since;

    public static ReportFacts Facts(Guid id, PainDetails r, TimeZoneInfo zone) =>
        new(id, r.ReportedAt, LocalCalendar.LocalDay(r.ReportedAt, zone), r.Location, r.Side, r.Timing, r.Score, r.RedFlags);
}
