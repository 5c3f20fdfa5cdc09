using Hangfire;
using HipLog.Domain.Watch;
using HipLog.Domain.Webhooks;
using HipLog.Worker.Webhooks;
using JasperFx;
using JasperFx.Events;
using Marten;

namespace HipLog.Worker.Watch;

/// <summary>
/// Withdraws or follows up what retracted and corrected reports raised. Each recommendation is written on its own, at
/// the version read, as delivery writes it: if the routine is delivered at that moment, the delivery wins and the watch
/// looks again, and then follows it up instead of withdrawing it. A replayed page finds the follow-up already there.
/// </summary>
public sealed class ReportFollowUps(TimeProvider clock, IBackgroundJobClient jobs, ILogger<ReportFollowUps> logger)
{
    private const int Attempts = 3;

    /// <param name="changes">In log order: a correction that took a recommendation back is not followed up again by a later
    /// retraction.</param>
    public async Task FollowUpAsync(IDocumentStore store, IReadOnlyList<ReportChange> changes, CancellationToken ct)
    {
        if (changes.Count == 0)
            return;
        var reportIds = changes.Select(c => (Guid?)c.ReportId).Distinct().ToArray();
        IReadOnlyList<string> raised;
        await using (var query = store.QuerySession())
            raised = await query.Query<RecommendationView>().Where(r => r.ReportId.IsOneOf(reportIds)).Select(r => r.Id).ToListAsync(ct);

        foreach (var change in changes)
            foreach (var recommendationId in raised)
                await ReconsiderAsync(store, recommendationId, change, ct);
    }

    private async Task ReconsiderAsync(IDocumentStore store, string recommendationId, ReportChange change, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession();
            var stream = await session.Events.FetchForWriting<RecommendationView>(recommendationId, ct);
            if (stream.Aggregate is not { } current || PainWatchFollowUp.Reconsider(current, change, clock.GetUtcNow()) is not { } answer)
                return;
            stream.AppendOne(answer);
            var webhook = answer is RecommendationFollowedUp
                ? await WebhookOutbox.RecordAsync(session, current.RunnerId, recommendationId,
                    WebhookDelivery.FollowUpIdFor(recommendationId), clock.GetUtcNow(), ct)
                : null;
            try
            {
                await session.SaveChangesAsync(ct);
            }
            catch (Exception e) when (attempt < Attempts && e is ConcurrencyException or EventStreamUnexpectedMaxEventIdException)
            {
                continue;
            }

            if (answer is RecommendationWithdrawn withdrawn)
                logger.LogInformation("Pain watch: {RecommendationId} withdrawn: {Reason}", recommendationId, withdrawn.Reason);
            else if (answer is RecommendationFollowedUp followedUp)
            {
                logger.LogInformation("Pain watch: {RecommendationId} followed up: {Reason}", recommendationId, followedUp.Reason);
                if (webhook is not null)
                    jobs.Enqueue<SendWebhook>(j => j.AttemptAsync(webhook));
            }

            return;
        }
    }
}
