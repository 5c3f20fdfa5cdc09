using Hangfire;
using HipLog.Domain.Sharing;
using HipLog.Domain.Watch;
using HipLog.Domain.Webhooks;
using HipLog.Worker.Webhooks;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;

namespace HipLog.Worker.Sharing;

/// <summary>
/// Hears every clinician advisory and counts it into an alert for each clinician who holds an active share of the patient
/// with the alerts scope and a webhook: one alert per patient and 10 minutes, recorded with its delivery in one transaction
/// (an outbox, as the runner's webhooks), then sent when the 10 minutes are up. The subscription reads its events in order,
/// one page at a time, so two advisories of one patient never race for the same alert; an event read twice is counted once.
/// The store comes with each page, never by injection: the store's own subscriptions are built with it.
/// </summary>
public sealed class ClinicianAlerts(IBackgroundJobClient jobs, TimeProvider clock) : SubscriptionBase
{
    public const string SubscriptionName = "clinician-alerts";

    /// <summary>Advisories older than this are history (a first start reads the whole log): no clinician is alerted of them.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromHours(24);

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken cancellationToken)
    {
        foreach (var advised in page.Events.Select(e => e.Data).OfType<ClinicianReferralAdvised>())
            await CountAsync(operations.DocumentStore, advised, cancellationToken);
        return NullChangeListener.Instance;
    }

    private async Task CountAsync(IDocumentStore store, ClinicianReferralAdvised advised, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (advised.AdvisedAt < now - Horizon)
            return;
        await using var session = store.LightweightSession();
        // A clinician hears of the advisories made while they hold the share, not of those before they accepted it.
        var shares = (await session.Query<ShareView>().Where(s => s.RunnerId == advised.RunnerId && s.State == ShareState.Active)
            .ToListAsync(ct)).Where(s => s.IsActiveAt(now) && s.Scope.Contains(ShareScope.Alerts) && s.AcceptedAt <= advised.AdvisedAt)
            .ToList();
        if (shares.Count == 0 || await session.LoadAsync<RecommendationView>(advised.RecommendationId, ct) is not { } advisory)
            return;

        var due = new List<(string Id, DateTimeOffset At)>();
        foreach (var clinicianId in shares.Select(s => s.ClinicianId!).Distinct())
        {
            if (await session.LoadAsync<WebhookSubscription>(Shares.ClinicianStream(clinicianId), ct) is not { Disabled: false } hook)
                continue;
            var open = (await session.Query<ClinicianAlert>()
                .Where(a => a.ClinicianId == clinicianId && a.RunnerId == advised.RunnerId && a.DueAt > advised.AdvisedAt)
                .ToListAsync(ct)).MaxBy(a => a.FirstAt);
            var alert = ClinicianAlert.Count(open, Guid.CreateVersion7(), clinicianId, advised.RunnerId, advised.RecommendationId,
                advisory.Reasons, advised.AdvisedAt);
            if (alert == open)
                continue;
            session.Store(alert);
            if (open is null)
            {
                session.Insert(alert.Delivery(hook));
                due.Add((alert.Id, alert.DueAt));
            }
        }

        await session.SaveChangesAsync(ct);
        // A job lost here is no loss: the outbox's sweep sends a pending delivery past its due time.
        foreach (var (id, at) in due)
            jobs.Schedule<SendWebhook>(j => j.AttemptAsync(id), at - now);
    }
}
