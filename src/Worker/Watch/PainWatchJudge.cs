using System.Diagnostics;
using Hangfire;
using HipLog.Domain.Pain;
using HipLog.Domain.Watch;
using HipLog.Domain.Webhooks;
using HipLog.ServiceDefaults;
using HipLog.Worker.Jobs;
using HipLog.Worker.Webhooks;
using JasperFx.Events;
using Marten;

namespace HipLog.Worker.Watch;

/// <summary>
/// Judges a page of the event log at a time: one round trip reads what every report in it needs
/// (<see cref="WatchPageLoader"/>), the decisions are made in memory in log order (<see cref="PageJudgement"/>), and
/// one commit stores them: routines wait there for <see cref="DueRoutines"/>, advice goes out with its webhook recorded.
/// Last, what retracted and corrected reports raised is looked at again (<see cref="ReportFollowUps"/>).
/// </summary>
/// <remarks>
/// The store comes with each call, from the daemon: the subscription is built while Marten builds the store, and a
/// judge that asked the container for that store then would wait for itself.
/// </remarks>
public sealed class PainWatchJudge(TimeProvider clock, IBackgroundJobClient jobs, PainWatchOptions options, PainHistory history,
    ReportFollowUps followUps, FaultPoints faults, ILogger<PainWatchJudge> logger)
{
    /// <summary>The main watch: every event, in order, with the history it remembers; what changed reports raised is looked at
    /// again.</summary>
    public Task JudgeAsync(IDocumentStore store, IReadOnlyList<IEvent> events, CancellationToken ct) =>
        JudgeAsync(store, events, history, followUp: true, ct);

    /// <summary>What the red-flag lane remembers: it follows the same events as the main watch, on its own thread.</summary>
    public PainHistory LaneHistory { get; } = new(history.Keys);

    /// <summary>
    /// The red-flag lane: every event followed, only the urgent reports judged. Follow-ups stay with the main watch,
    /// which reads the retractions and corrections in order.
    /// </summary>
    public Task JudgeUrgentAsync(IDocumentStore store, IReadOnlyList<IEvent> events, CancellationToken ct) =>
        JudgeAsync(store, events, LaneHistory, followUp: false, ct);

    private async Task JudgeAsync(IDocumentStore store, IReadOnlyList<IEvent> events, PainHistory history, bool followUp,
        CancellationToken ct)
    {
        faults.BeforeJudging(events.Select(e => SetAside.RunnerOf(e.Data)).OfType<string>());
        var now = clock.GetUtcNow();
        var reports = events.Select(e => WatchedReport.Of(e, options)).OfType<WatchedReport>()
            .Where(r => followUp || RedFlagLane.Takes(r, options, now)).ToList();
        // Reports recorded long after they happened (imports) are not judged at all.
        if (followUp)
            foreach (var _ in events.Where(e => e.Data is PainReported or PainReportCorrected).Skip(reports.Count))
                HipLogMetrics.Assessed(AssessmentOutcomes.SkippedBackfill);
        if (reports.Count == 0)
        {
            foreach (var e in events)
                history.Follow(e.Data);
            if (followUp)
                await followUps.FollowUpAsync(store, events.Select(e => e.Data).OfType<PainReportRetracted>()
                    .Select(r => ReportChange.Retraction(r.ReportId)).ToList(), ct);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        history.Trim(reports.Select(r => r.RunnerId).ToHashSet());
        await using var session = store.LightweightSession();
        var page = await WatchPageLoader.LoadAsync(session, reports, history, now, ct);
        var read = Stopwatch.GetTimestamp();
        var verdict = PageJudgement.Judge(events, reports, page, history, now, options);
        if (verdict.Decisions.Count > 0 || verdict.Supersessions.Count > 0)
        {
            foreach (var decision in verdict.Decisions)
            {
                session.Events.StartStream<RecommendationView>(decision.RecommendationId, decision.Events(now).ToArray());
                // Only the main watch writes to a routine's stream: it replaces what the lane's advice outranks once it
                // reaches the advice in the log, and a routine due before then is held back by its delivery.
                foreach (var replaced in followUp ? decision.Supersedes : [])
                    session.Events.Append(replaced,
                        new RecommendationSuperseded(replaced, decision.RunnerId, decision.RecommendationId, now));
                // An advisory goes out at once: its webhook is recorded with it.
                if (decision.Kind == RecommendationKind.ClinicianReferral && page.WebhookOf(decision.RunnerId) is { } webhook)
                    session.Insert(WebhookDelivery.Pending(WebhookDelivery.IdFor(decision.RecommendationId), decision.RecommendationId,
                        webhook, now));
            }

            foreach (var superseded in verdict.Supersessions)
                session.Events.Append(superseded.RecommendationId, superseded);
            await session.SaveChangesAsync(ct);
            var committed = Stopwatch.GetTimestamp();
            SendAdvice(verdict.Decisions, page);
            logger.LogInformation("Pain watch: {Reports} reports judged in {Milliseconds} ms (read {Read} ms, commit {Commit} ms), " +
                "{Routines} routines and "
                + "{Referrals} clinician advisories", reports.Count, Ms(started), Ms(started, read), Ms(read, committed),
                verdict.Decisions.Count(d => d.Kind == RecommendationKind.Routine),
                    verdict.Decisions.Count(d => d.Kind == RecommendationKind.ClinicianReferral));
        }

        // Counted once the decisions are stored: a page that failed to commit is judged again and counted then.
        foreach (var outcome in verdict.Outcomes)
            HipLogMetrics.Assessed(outcome);
        if (followUp)
            await followUps.FollowUpAsync(store, verdict.Changes, ct);
    }

    /// <summary>An advice's webhook, recorded with it, is first tried at once; <see cref="DueRoutines"/> delivers routines.</summary>
    private void SendAdvice(IReadOnlyList<WatchDecision> decisions, WatchPage page)
    {
        foreach (var decision in decisions.Where(d =>
                     d.Kind == RecommendationKind.ClinicianReferral && page.WebhookOf(d.RunnerId) is not null))
            jobs.Enqueue<SendWebhook>(j => j.AttemptAsync(WebhookDelivery.IdFor(decision.RecommendationId)));
    }

    private static long Ms(long from, long? to = null) => (long)Stopwatch.GetElapsedTime(from, to ?? Stopwatch.GetTimestamp())
        .TotalMilliseconds;
}
