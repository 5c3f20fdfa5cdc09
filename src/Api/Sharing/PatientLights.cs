using HipLog.Domain.Pain;
using HipLog.Domain.Profiles;
using HipLog.Domain.Sharing;
using HipLog.Domain.Time;
using HipLog.Domain.Watch;
using Marten;

namespace HipLog.Api.Sharing;

/// <summary>A runner's light, its reasons in plain words, their latest report and their open clinician advisories.</summary>
public sealed record RunnerLight(string RunnerId, string? DisplayName, Light Light, IReadOnlyList<string> Reasons,
    DateTimeOffset? LastReportAt, int OpenAdvisories);

/// <summary>
/// Reads what the traffic light needs for many runners at once: one query for their reports of the last 5 weeks, one for
/// their open advisories, one for their profiles and one for their latest reports, however many patients a clinician has.
/// </summary>
public static class PatientLights
{
    public static async Task<IReadOnlyDictionary<string, RunnerLight>> LoadAsync(IQuerySession session, IReadOnlyList<string> runnerIds,
        DateTimeOffset now, CancellationToken ct)
    {
        if (runnerIds.Count == 0)
            return new Dictionary<string, RunnerLight>();
        var ids = runnerIds.Distinct().ToArray();
        // A day more than the light reads: the runners' zones are up to 14 hours either side of UTC.
        var since = now.AddDays(-PainLight.DaysRead - 1);
        // One round trip; of each report only the fields the light reads, not the whole document (notes and all).
        var batch = session.CreateBatchQuery();
        var reading = batch.Query<PainReportView>().Where(v => v.RunnerId.IsOneOf(ids) && v.OccurredAt >= since)
            .Select(v => new LightRow
            {
                RunnerId = v.RunnerId, ReportedAt = v.Report.ReportedAt, Score = v.Report.Score, Location = v.Report.Location,
                Timing = v.Report.Timing, RedFlags = v.Report.RedFlags,
            }).ToList();
        var advising = batch.Query<RecommendationView>()
            .Where(r => r.RunnerId.IsOneOf(ids) && r.Kind == RecommendationKind.ClinicianReferral
                        && (r.Status == RecommendationStatus.Scheduled || r.Status == RecommendationStatus.Delivered))
            .Select(r => r.RunnerId).ToList();
        var loading = batch.LoadMany<RunnerProfile>().ById(ids);
        await batch.Execute(ct);
        var (reports, advisories) = ((await reading).ToLookup(r => r.RunnerId), await advising);
        var profiles = (await loading).ToDictionary(p => p.Id);
        var latest = await LatestAsync(session, ids, reports, ct);

        var lights = new Dictionary<string, RunnerLight>();
        foreach (var id in ids)
        {
            var zone = LocalCalendar.ZoneOrUtc(profiles.GetValueOrDefault(id)?.TimeZone);
            var mine = reports[id].Select(r => Read(r, zone)).ToList();
            var open = advisories.Count(a => a == id);
            var verdict = PainLight.Of(mine, open, LocalCalendar.LocalDay(now, zone), PainWatchOptions.Default);
            lights[id] = new RunnerLight(id, profiles.GetValueOrDefault(id)?.DisplayName, verdict.Light, verdict.Reasons,
                LocalCalendar.InZone(latest.GetValueOrDefault(id), zone), open);
        }

        return lights;
    }

    /// <summary>The fields of a pain report the light reads.</summary>
    public sealed class LightRow
    {
        public string RunnerId { get; set; } = "";
        public DateTimeOffset ReportedAt { get; set; }
        public int Score { get; set; }
        public PainLocation Location { get; set; }
        public PainTiming Timing { get; set; }
        public RedFlags RedFlags { get; set; } = RedFlags.None;
    }

    private static LightReport Read(LightRow r, TimeZoneInfo zone) =>
        new(LocalCalendar.LocalDay(r.ReportedAt, zone), r.ReportedAt, r.Score, r.Location, r.Timing, r.RedFlags.Any);

    /// <summary>
    /// The latest report of each runner: from the 5 weeks read when there is one, else a look for an older one, all of those in
    /// one round trip (each walks the runner's (runner, time) index from its end).
    /// </summary>
    private static async Task<Dictionary<string, DateTimeOffset?>> LatestAsync(IQuerySession session, string[] ids,
        ILookup<string, LightRow> recent, CancellationToken ct)
    {
        var latest = recent.ToDictionary(g => g.Key, g => (DateTimeOffset?)g.Max(r => r.ReportedAt));
        var older = ids.Where(i => !latest.ContainsKey(i)).ToList();
        if (older.Count == 0)
            return latest;
        var batch = session.CreateBatchQuery();
        var looks = older.Select(id => (Id: id, Report: batch.Query<PainReportView>().Where(v => v.RunnerId == id)
            .OrderByDescending(v => v.OccurredAt).FirstOrDefault())).ToList();
        await batch.Execute(ct);
        foreach (var (id, report) in looks)
            latest[id] = (await report)?.OccurredAt;
        return latest;
    }
}
