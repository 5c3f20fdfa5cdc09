using HipLog.Domain.Pain;
using HipLog.Domain.Profiles;
using HipLog.Domain.Stretching;
using HipLog.Domain.Trends;
using HipLog.Domain.Watch;
using HipLog.Domain.Webhooks;
using Marten;

namespace HipLog.Worker.Watch;

/// <summary>
/// Reads what a page of reports needs in one round trip (and a second for the training weeks): the runners' profiles,
/// open and recent recommendations, stretch evidence, two weeks of training, and the recent reports of runners the
/// watch does not remember yet, which <see cref="PainHistory"/> then remembers.
/// </summary>
public static class WatchPageLoader
{
    private static readonly RecommendationStatus[] Open = [RecommendationStatus.Scheduled, RecommendationStatus.Delivered];
    private static readonly RecommendationStatus[] TakenUp = [RecommendationStatus.Acknowledged, RecommendationStatus.Completed];

    public static async Task<WatchPage> LoadAsync(IQuerySession session, IReadOnlyList<WatchedReport> reports, PainHistory history,
        DateTimeOffset now,
        CancellationToken ct)
    {
        var runners = reports.Select(r => r.RunnerId).Distinct().ToArray();
        var earliest = reports.Min(r => r.Details.ReportedAt);
        var since = (earliest < now ? earliest : now) - PainHistory.Kept;
        var episodeStart = earliest.AddDays(-28);
        var takenFrom = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-2);
        // A routine is due within a day or two of its detection, and delivered at its due time or soon after.
        var recentFrom = Min(episodeStart, new DateTimeOffset(takenFrom.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)).AddDays(-3);
        var unknown = runners.Where(r => !history.Knows(r)
            || !history[r].Covers(reports.Where(x => x.RunnerId == r).Min(x => x.Details.ReportedAt)))
            .ToArray();

        var batch = session.CreateBatchQuery();
        var decided = batch.LoadMany<RecommendationView>().ById(reports.Select(r => r.RecommendationId).ToArray());
        var standing = batch.LoadMany<PainReportView>().ById(reports.Select(r => r.ReportId).Distinct().ToArray());
        var profiles = batch.LoadMany<RunnerProfile>().ById(runners);
        // Open routines (to replace), whatever their age, by the index on runner and status; and the routines of the
        // last four weeks that were taken up (their days get no second one) or delivered (the bout of pain), by the
        // index on runner and detection time: never a runner's whole inbox, nor their referrals.
        var open = batch.Query<RecommendationView>()
            .Where(r => r.RunnerId.IsOneOf(runners) && r.Status.IsOneOf(Open) && r.Kind == RecommendationKind.Routine).ToList();
        var recent = batch.Query<RecommendationView>()
            .Where(r => r.RunnerId.IsOneOf(runners) && r.DetectedAt >= recentFrom && r.Kind == RecommendationKind.Routine
                        && ((r.Status.IsOneOf(TakenUp) && r.DueDay >= takenFrom) || r.DeliveredAt >= episodeStart)).ToList();
        var evidence = batch.LoadMany<StretchEffectiveness>().ById(runners);
        var webhooks = batch.LoadMany<WebhookSubscription>().ById(runners);
        var sessions = batch.Query<StretchSessionView>().Where(s => s.RunnerId.IsOneOf(runners) && s.OccurredAt >= episodeStart).ToList();
        var pain = unknown.Length == 0 ? null : batch.Query<PainReportView>()
            .Where(v => v.RunnerId.IsOneOf(unknown) && v.OccurredAt >= since).ToList();
        await batch.Execute(ct);

        var profileById = (await profiles).ToDictionary(p => p.Id);
        if (pain is not null)
            Remember(history, unknown, await pain, profileById, since, now);
        return new WatchPage
        {
            Decided = (await decided).Select(r => r.Id).ToHashSet(),
            DecidedReferrals = (await decided).Where(r => r.Kind == RecommendationKind.ClinicianReferral).Select(r => r.Id).ToHashSet(),
            Standing = (await standing).ToDictionary(v => v.Id),
            Profiles = profileById,
            Recommendations = (await open).Concat(await recent).DistinctBy(r => r.Id).GroupBy(r => r.RunnerId)
                .ToDictionary(g => g.Key, g => g.ToList()),
            Evidence = (await evidence).ToDictionary(e => e.Id),
            Training = await TrainingAsync(session, reports, runners, ct),
            Webhooks = (await webhooks).Where(w => !w.Disabled).ToDictionary(w => w.Id),
            Sessions = [.. await sessions],
        };
    }

    /// <summary>Two weeks of training before each report; a day of slack either side of the UTC dates holds their local days in any
    /// zone.</summary>
    private static Task<Dictionary<string,
        TrainingWindow>> TrainingAsync(IQuerySession session, IReadOnlyList<WatchedReport> reports, string[] runners,
        CancellationToken ct) =>
        TrainingWindow.LoadManyAsync(session, runners.ToDictionary(r => r, r =>
        {
            var days = reports.Where(x => x.RunnerId == r).Select(x => DateOnly.FromDateTime(x.Details.ReportedAt.UtcDateTime)).ToList();
            return (days.Min().AddDays(-14), days.Max().AddDays(1));
        }), ct);

    private static void Remember(PainHistory history, string[] unknown, IReadOnlyList<PainReportView> pain, Dictionary<string,
        RunnerProfile> profiles,
        DateTimeOffset since, DateTimeOffset now)
    {
        var found = pain.ToLookup(v => v.RunnerId);
        foreach (var runner in unknown)
            history.Remember(runner, new RunnerPain(profiles.GetValueOrDefault(runner)?.TimeZone ?? RunnerProfile.DefaultTimeZone, since,
                found[runner].Select(v => (v.Id, v.Report)), now));
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
