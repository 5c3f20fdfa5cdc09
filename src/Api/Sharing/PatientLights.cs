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
        var reports = await session.Query<PainReportView>().Where(v => v.RunnerId.IsOneOf(ids) && v.OccurredAt >= since).ToListAsync(ct);
        var advisories = await session.Query<RecommendationView>()
            .Where(r => r.RunnerId.IsOneOf(ids) && r.Kind == RecommendationKind.ClinicianReferral
                        && (r.Status == RecommendationStatus.Scheduled || r.Status == RecommendationStatus.Delivered))
            .Select(r => r.RunnerId).ToListAsync(ct);
        var profiles = (await session.LoadManyAsync<RunnerProfile>(ct, ids)).ToDictionary(p => p.Id);
        var latest = await LatestAsync(session, ids, reports, ct);

        var lights = new Dictionary<string, RunnerLight>();
        foreach (var id in ids)
        {
            var zone = LocalCalendar.ZoneOrUtc(profiles.GetValueOrDefault(id)?.TimeZone);
            var mine = reports.Where(r => r.RunnerId == id).Select(r => Read(r, zone)).ToList();
            var open = advisories.Count(a => a == id);
            var verdict = PainLight.Of(mine, open, LocalCalendar.LocalDay(now, zone), PainWatchOptions.Default);
            lights[id] = new RunnerLight(id, profiles.GetValueOrDefault(id)?.DisplayName, verdict.Light, verdict.Reasons,
                LocalCalendar.InZone(latest.GetValueOrDefault(id), zone), open);
        }

        return lights;
    }

    private static LightReport Read(PainReportView v, TimeZoneInfo zone) =>
        new(LocalCalendar.LocalDay(v.Report.ReportedAt, zone), v.Report.ReportedAt, v.Report.Score, v.Report.Location, v.Report.Timing,
            v.Report.RedFlags.Any);

    /// <summary>The latest report of each runner: from the 5 weeks read when there is one, else one look each for older ones.</summary>
    private static async Task<Dictionary<string, DateTimeOffset?>> LatestAsync(IQuerySession session, string[] ids,
        IReadOnlyList<PainReportView> recent, CancellationToken ct)
    {
        var latest = recent.GroupBy(r => r.RunnerId).ToDictionary(g => g.Key, g => (DateTimeOffset?)g.Max(r => r.Report.ReportedAt));
        foreach (var id in ids.Where(i => !latest.ContainsKey(i)))
            latest[id] = (await session.Query<PainReportView>().Where(v => v.RunnerId == id).OrderByDescending(v => v.OccurredAt)
                .Select(v => v.OccurredAt).Take(1).ToListAsync(ct)).Cast<DateTimeOffset?>().FirstOrDefault();
        return latest;
    }
}
