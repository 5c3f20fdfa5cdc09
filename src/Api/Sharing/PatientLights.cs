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
/// Reads what the traffic light needs for many runners at once, in one round trip: their <see cref="PainFacts"/> (a small
/// document each, whatever their history), their open advisories and their profiles; then, only for runners with no report
/// in the weeks kept, a look for their latest report.
/// </summary>
public static class PatientLights
{
    public static async Task<IReadOnlyDictionary<string, RunnerLight>> LoadAsync(IQuerySession session, IReadOnlyList<string> runnerIds,
        DateTimeOffset now, CancellationToken ct)
    {
        if (runnerIds.Count == 0)
            return new Dictionary<string, RunnerLight>();
        var ids = runnerIds.Distinct().ToArray();
        var batch = session.CreateBatchQuery();
        var reading = batch.LoadMany<PainFacts>().ById(ids);
        var advising = batch.Query<RecommendationView>()
            .Where(r => r.RunnerId.IsOneOf(ids) && r.Kind == RecommendationKind.ClinicianReferral
                        && (r.Status == RecommendationStatus.Scheduled || r.Status == RecommendationStatus.Delivered))
            .Select(r => r.RunnerId).ToList();
        var naming = batch.Query<RunnerProfile>().Where(p => p.Id.IsOneOf(ids))
            .Select(p => new Named { Id = p.Id, DisplayName = p.DisplayName, TimeZone = p.TimeZone }).ToList();
        await batch.Execute(ct);
        var facts = (await reading).ToDictionary(f => f.Id);
        var (advisories, profiles) = (await advising, (await naming).ToDictionary(p => p.Id));
        var latest = await LatestAsync(session, ids, facts, ct);

        var lights = new Dictionary<string, RunnerLight>();
        foreach (var id in ids)
        {
            var zone = LocalCalendar.ZoneOrUtc(profiles.GetValueOrDefault(id)?.TimeZone);
            var open = advisories.Count(a => a == id);
            var verdict = PainLight.Of(facts.GetValueOrDefault(id) ?? PainFacts.None(id), open, LocalCalendar.LocalDay(now, zone),
                PainWatchOptions.Default);
            lights[id] = new RunnerLight(id, profiles.GetValueOrDefault(id)?.DisplayName, verdict.Light, verdict.Reasons,
                LocalCalendar.InZone(latest.GetValueOrDefault(id), zone), open);
        }

        return lights;
    }

    /// <summary>The fields of a runner's profile the light shows and reads.</summary>
    public sealed class Named
    {
        public string Id { get; set; } = "";
        public string DisplayName { get; set; } = "";
        public string TimeZone { get; set; } = "";
    }

    /// <summary>
    /// The latest report of each runner: from their facts when they have reports in the weeks kept, else a look for an older
    /// one, all of those in one round trip (each walks the runner's (runner, time) index from its end).
    /// </summary>
    private static async Task<Dictionary<string, DateTimeOffset?>> LatestAsync(IQuerySession session, string[] ids,
        IReadOnlyDictionary<string, PainFacts> facts, CancellationToken ct)
    {
        var latest = facts.Where(f => f.Value.LatestAt is not null).ToDictionary(f => f.Key, f => f.Value.LatestAt);
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
