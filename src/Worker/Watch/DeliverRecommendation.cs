using Hangfire;
using HipLog.Domain.Watch;
using JasperFx;
using JasperFx.Events;
using Marten;

namespace HipLog.Worker.Watch;

/// <summary>
/// Delivers a scheduled routine when it is due. It takes only the recommendation id, since job arguments are stored
/// and shown on the dashboard. Delivering twice is impossible: the append expects the version it read, so a second
/// Worker (or a retried job) loses the race and stops.
/// </summary>
public sealed class DeliverRecommendation(IDocumentStore store, TimeProvider clock, IBackgroundJobClient jobs, ILogger<DeliverRecommendation> logger)
{
    [AutomaticRetry(Attempts = 5)]
    public async Task RunAsync(string recommendationId)
    {
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<RecommendationView>(recommendationId);
        if (stream.Aggregate is not { Kind: RecommendationKind.Routine, Status: RecommendationStatus.Scheduled, DueAt: { } dueAt } recommendation)
            return;

        var now = clock.GetUtcNow();
        if (dueAt > now)
        {
            // Hangfire may start a delayed job a little early; the routine goes out at its time or later, never before.
            jobs.Schedule<DeliverRecommendation>(j => j.RunAsync(recommendationId), dueAt - now);
            return;
        }

        stream.AppendOne(new RoutineSuggested(recommendationId, recommendation.RunnerId, now));
        try
        {
            await session.SaveChangesAsync();
        }
        catch (Exception e) when (e is ConcurrencyException or EventStreamUnexpectedMaxEventIdException)
        {
            logger.LogInformation("Recommendation {RecommendationId} changed while being delivered; the other change stands", recommendationId);
            return;
        }

        logger.LogInformation("Delivered {RecommendationId}, due {DueAt}, {Late} late", recommendationId, dueAt, now - dueAt);
        jobs.Enqueue<SendWebhook>(j => j.QueueAsync(recommendationId));
    }
}

/// <summary>The safety net: routines whose delivery was missed (no Worker running at the time, a lost job) go out late, once.</summary>
public sealed class DeliverMissedRecommendations(IDocumentStore store, TimeProvider clock, DeliverRecommendation deliver)
{
    public const string RecurringJobId = "deliver-missed-recommendations";

    public async Task RunAsync()
    {
        // A routine's own job may be running at this moment too: the expected-version append lets only one deliver.
        var cutoff = clock.GetUtcNow();
        await using var session = store.QuerySession();
        var missed = await session.Query<RecommendationView>()
            .Where(r => r.Status == RecommendationStatus.Scheduled && r.Kind == RecommendationKind.Routine && r.DueAt <= cutoff)
            .Select(r => r.Id).ToListAsync();
        foreach (var id in missed)
            await deliver.RunAsync(id);
    }
}
