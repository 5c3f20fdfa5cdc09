using Hangfire;
using HipLog.Domain.Pain;
using HipLog.Domain.Watch;
using HipLog.Domain.Webhooks;
using HipLog.ServiceDefaults;
using HipLog.Worker.Jobs;
using HipLog.Worker.Webhooks;
using JasperFx;
using JasperFx.Events;
using Marten;

namespace HipLog.Worker.Watch;

/// <summary>
/// Delivers a runner's routines when they are due. The job names one recommendation (job arguments are stored and shown
/// on the dashboard, so they are ids only) and delivers every routine of that runner that is due by then: a newer
/// routine that replaced it at the same time needs no job of its own. Delivering twice is impossible: the append
/// expects the version it read, so a second Worker (or a retried job) loses the race and stops.
/// </summary>
public sealed class DeliverRecommendation(IDocumentStore store, TimeProvider clock, IBackgroundJobClient jobs, FaultPoints pause,
    ILogger<DeliverRecommendation> logger)
{
    [AutomaticRetry(Attempts = 5)]
    public async Task RunAsync(string recommendationId)
    {
        string runnerId;
        await using (var query = store.QuerySession())
        {
            if (await query.LoadAsync<RecommendationView>(recommendationId) is not { } named)
                return;
            var now = clock.GetUtcNow();
            if (named is { Status: RecommendationStatus.Scheduled, DueAt: { } dueAt } && dueAt > now)
            {
                // Hangfire may start a delayed job a little early; the routine goes out at its time or later, never before.
                jobs.Schedule<DeliverRecommendation>(j => j.RunAsync(recommendationId), dueAt - now);
                return;
            }

            runnerId = named.RunnerId;
        }

        await DeliverDueAsync(r => r.RunnerId == runnerId);
    }

    /// <summary>Delivers the scheduled routines that match and are due now.</summary>
    public async Task DeliverDueAsync(System.Linq.Expressions.Expression<Func<RecommendationView, bool>> which)
    {
        var cutoff = clock.GetUtcNow();
        IReadOnlyList<string> due;
        await using (var query = store.QuerySession())
            due = await query.Query<RecommendationView>().Where(which)
                .Where(r => r.Status == RecommendationStatus.Scheduled && r.Kind == RecommendationKind.Routine && r.DueAt <= cutoff)
                .Select(r => r.Id).ToListAsync();
        foreach (var id in due)
            await DeliverAsync(id);
    }

    private async Task DeliverAsync(string recommendationId)
    {
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<RecommendationView>(recommendationId);
        if (stream.Aggregate is not { Kind: RecommendationKind.Routine, Status: RecommendationStatus.Scheduled,
            DueAt: { } dueAt } recommendation)
            return;

        var now = clock.GetUtcNow();
        // The watch withdraws a routine whose report was retracted as soon as it reads the retraction; this covers a
        // retraction it has not read yet, so a routine never goes out on a report that no longer stands.
        var withdrawn = recommendation.ReportId is { } reportId && await session.LoadAsync<PainReportView>(reportId) is null
            ? PainWatchFollowUp.Reconsider(recommendation, ReportChange.Retraction(reportId), now)
            : null;
        if (withdrawn is null && await LaterAdviceAsync(session, recommendation) is { } advice)
        {
            // The red-flag lane advised on a later report that the main watch has not reached yet: the advice outranks it.
            stream.AppendOne(new RecommendationSuperseded(recommendationId, recommendation.RunnerId, advice, now));
            await session.SaveChangesAsync();
            logger.LogInformation("Superseded {RecommendationId} at its due time by the advice {Advice}", recommendationId, advice);
            return;
        }

        stream.AppendOne(withdrawn ?? new RoutineSuggested(recommendationId, recommendation.RunnerId, now));
        var webhook = withdrawn is null
            ? await WebhookOutbox.RecordAsync(session, recommendation.RunnerId, recommendationId, WebhookDelivery.IdFor(recommendationId),
                now)
            : null;
        try
        {
            await session.SaveChangesAsync();
        }
        catch (Exception e) when (e is ConcurrencyException or EventStreamUnexpectedMaxEventIdException)
        {
            logger.LogInformation("Recommendation {RecommendationId} changed while being delivered; the other change stands",
                recommendationId);
            return;
        }

        if (withdrawn is not null)
        {
            logger.LogInformation("Withdrew {RecommendationId} at its due time: its pain report no longer stands", recommendationId);
            return;
        }

        HipLogMetrics.Delivered(now - dueAt);
        logger.LogInformation("Delivered {RecommendationId}, due {DueAt}, {Late} late", recommendationId, dueAt, now - dueAt);
        await pause.AfterDeliveryAsync(recommendationId);
        if (webhook is not null)
            jobs.Enqueue<SendWebhook>(j => j.AttemptAsync(webhook));
    }

    /// <summary>Clinician advice on one of the runner's reports later in the log than the routine's.</summary>
    private static async Task<string?> LaterAdviceAsync(IDocumentSession session, RecommendationView routine) =>
        routine.AssessedSequence is not { } sequence ? null
            : await session.Query<RecommendationView>()
                .Where(r => r.RunnerId == routine.RunnerId && r.Kind == RecommendationKind.ClinicianReferral
                            && r.Status == RecommendationStatus.Delivered && r.AssessedSequence > sequence)
                .Select(r => r.Id).FirstOrDefaultAsync();
}

/// <summary>The safety net: routines whose delivery was missed (no Worker running at the time, a lost job) go out late, once.</summary>
public sealed class DeliverMissedRecommendations(DeliverRecommendation deliver)
{
    public const string RecurringJobId = "deliver-missed-recommendations";

    // A routine's own job may be running at this moment too: the expected-version append lets only one deliver.
    public Task RunAsync() => deliver.DeliverDueAsync(_ => true);
}
