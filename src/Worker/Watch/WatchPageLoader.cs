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
        var unknown = runners.Where(r => !history.Knows(r)
            || !history[r].Covers(reports.Where(x => x.RunnerId == r).Min(x => x.Details.ReportedAt)))
            .ToArray();

        var batch = session.CreateBatchQuery();
        var decided = batch.LoadMany<RecommendationView>().ById(reports.Select(r => r.RecommendationId).ToArray());
        var standing = batch.LoadMany<PainReportView>().ById(reports.Select(r => r.ReportId).Distinct().ToArray());
        var profiles = batch.LoadMany<RunnerProfile>().ById(runners);
        // Open routines (to replace), whatever their age; those taken up lately (their days get no second one); and those
        // delivered in the last four weeks (the bout of pain): each by an index that finds just them, never a runner's
        // whole inbox (a busy runner's superseded routines and referrals run into the thousands).
        var open = batch.Query<RecommendationView>()
            .Where(r => r.RunnerId.IsOneOf(runners) && r.Status.IsOneOf(Open) && r.Kind == RecommendationKind.Routine).ToList();
        var takenUp = batch.Query<RecommendationView>()
            .Where(r => r.RunnerId.IsOneOf(runners) && r.Status.IsOneOf(TakenUp) && r.Kind == RecommendationKind.Routine
                        && r.DueDay >= takenFrom).ToList();
        var delivered = batch.Query<RecommendationView>()
            .Where(r => r.RunnerId.IsOneOf(runners) && r.Kind == RecommendationKind.Routine && r.DeliveredAt >= episodeStart).ToList();
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
            Recommendations = (await open).Concat(await takenUp).Concat(await delivered).DistinctBy(r => r.Id).GroupBy(r => r.RunnerId)
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
}
