using Hangfire;
using HipLog.Domain.Webhooks;
using Marten;

namespace HipLog.Worker.Webhooks;

/// <summary>
/// Webhook deliveries are recorded in the transaction of what they announce, then sent by a job enqueued after the
/// commit. A Worker killed between the two, or during an attempt, leaves the delivery pending past its due time: the
/// sweep sends it again, with the same webhook-id, so it arrives at least once and receivers can drop a second copy.
/// </summary>
public sealed class WebhookOutbox(IDocumentStore store, IBackgroundJobClient jobs, TimeProvider clock)
{
    public const string RecurringJobId = "resend-lost-webhooks";

    /// <summary>How long past its due time a pending delivery is taken for lost: longer than an attempt (10 s) takes.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Records in the caller's session the delivery of a recommendation to the runner's webhook, when they have one on and
    /// it is not recorded yet. One round trip.
    /// </summary>
    /// <returns>The delivery to send once the session commits, or null.</returns>
    public static async Task<string?> RecordAsync(IDocumentSession session, string runnerId, string recommendationId, string deliveryId,
        DateTimeOffset now, CancellationToken ct = default)
    {
        var batch = session.CreateBatchQuery();
        var subscription = batch.Load<WebhookSubscription>(runnerId);
        var recorded = batch.Load<WebhookDelivery>(deliveryId);
        await batch.Execute(ct);
        if (await subscription is not { Disabled: false } to || await recorded is not null)
            return null;
        session.Insert(WebhookDelivery.Pending(deliveryId, recommendationId, to, now));
        return deliveryId;
    }

    public Task RunAsync() => SendLostAsync(Grace);

    /// <summary>Enqueues an attempt for every pending delivery more than <paramref name="grace"/> past its due time.</summary>
    public async Task SendLostAsync(TimeSpan grace)
    {
        var cutoff = clock.GetUtcNow() - grace;
        await using var query = store.QuerySession();
        var lost = await query.Query<WebhookDelivery>()
            .Where(d => d.State == WebhookDeliveryState.Pending && (d.NextAttemptAt == null || d.NextAttemptAt < cutoff))
            .Select(d => d.Id).ToListAsync();
        foreach (var id in lost)
            jobs.Enqueue<SendWebhook>(j => j.AttemptAsync(id));
    }
}

/// <summary>
/// A Worker that starts sends at once what is due and still pending: most likely a Worker that died left it. Should
/// another Worker be attempting it at this moment, the receiver gets it twice, under one webhook-id.
/// </summary>
public sealed class SendLostWebhooksOnStart(WebhookOutbox outbox, ILogger<SendLostWebhooksOnStart> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await outbox.SendLostAsync(TimeSpan.Zero);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
        {
            // PostgreSQL away at start: the minutely sweep sends them once it is back.
            logger.LogWarning("Could not look for webhooks left pending at start: {Reason}", e.GetType().Name);
        }
    }
}
