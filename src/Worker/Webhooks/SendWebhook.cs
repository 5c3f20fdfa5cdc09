using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Hangfire;
using HipLog.Domain.Profiles;
using HipLog.Domain.Sharing;
using HipLog.Domain.Time;
using HipLog.Domain.Watch;
using HipLog.Domain.Webhooks;
using HipLog.ServiceDefaults;
using HipLog.Worker.Jobs;
using Marten;

namespace HipLog.Worker.Webhooks;

/// <summary>
/// Posts a delivered recommendation to the runner's webhook, signed per the Standard Webhooks spec:
/// webhook-signature is "v1," + base64(HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")).
/// A failed attempt is retried later by a new Hangfire job, with the delays of Jobs:WebhookRetryDelaysSeconds;
/// an answer 410 Gone switches the webhook off.
/// </summary>
public sealed class SendWebhook(IDocumentStore store, TimeProvider clock, IBackgroundJobClient jobs, IHttpClientFactory http,
    JobsSettings settings, WebhookSettings destinations, ILogger<SendWebhook> logger)
{
    public const string HttpClientName = "webhooks";

    /// <summary>Jobs enqueued before deliveries were recorded with what they announce (<see cref="WebhookOutbox"/>) still run.</summary>
    public Task QueueAsync(string recommendationId) => QueueAsync(recommendationId, WebhookDelivery.IdFor(recommendationId));

    public Task QueueFollowUpAsync(string recommendationId)
        => QueueAsync(recommendationId, WebhookDelivery.FollowUpIdFor(recommendationId));

    private async Task QueueAsync(string recommendationId, string id)
    {
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<RecommendationView>(recommendationId) is not
                { Status: not RecommendationStatus.Withdrawn } recommendation
            || await WebhookOutbox.RecordAsync(session, recommendation.RunnerId, recommendationId, id, clock.GetUtcNow()) is null)
            return;
        try
        {
            await session.SaveChangesAsync();
        }
        catch (JasperFx.DocumentAlreadyExistsException)
        {
            return;
        }

        jobs.Enqueue<SendWebhook>(j => j.AttemptAsync(id));
    }

    [AutomaticRetry(Attempts = 0)]
    public async Task AttemptAsync(string deliveryId)
    {
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<WebhookDelivery>(deliveryId) is not { State: WebhookDeliveryState.Pending } delivery)
            return;
        var subscription = await session.LoadAsync<WebhookSubscription>(delivery.RunnerId);
        var now = clock.GetUtcNow();
        var payload = await PayloadAsync(session, delivery, now);
        if (subscription is not { Disabled: false } || payload is null)
        {
            session.Store(delivery with { State = WebhookDeliveryState.Disabled,
                Attempts = [.. delivery.Attempts, new WebhookAttempt(now, null, WebhookAttemptCategory.WebhookRemoved)] });
            await session.SaveChangesAsync();
            return;
        }

        var (status, error) = await PostAsync(delivery, subscription, payload, now);
        var attempts = delivery.Attempts.Append(new WebhookAttempt(now, status, error)).ToList();
        var delays = settings.RetryDelays;
        if (status is >= 200 and < 300)
            session.Store(delivery with { State = WebhookDeliveryState.Delivered, Attempts = attempts });
        else if (status == (int)HttpStatusCode.Gone)
        {
            session.Store(delivery with { State = WebhookDeliveryState.Disabled, Attempts = attempts });
            session.Store(subscription with { Disabled = true, DisabledReason = $"The receiver answered 410 Gone at {now:O}." });
        }
        else if (attempts.Count > delays.Length)
            session.Store(delivery with { State = WebhookDeliveryState.Failed, Attempts = attempts });
        else
        {
            var delay = TimeSpan.FromSeconds(delays[attempts.Count - 1]);
            session.Store(delivery with { Attempts = attempts, NextAttemptAt = now + delay });
            jobs.Schedule<SendWebhook>(j => j.AttemptAsync(deliveryId), delay);
        }

        await session.SaveChangesAsync();
        HipLogMetrics.WebhookAttempted(status is >= 200 and < 300 ? "delivered" : status == (int)HttpStatusCode.Gone ? "gone" : error
            ?? "failed");
        logger.LogInformation("Webhook {DeliveryId} attempt {Attempt}: {Status}", deliveryId, attempts.Count, status?.ToString()
            ?? "no answer");
    }

    /// <summary>
    /// What a delivery posts: a runner's recommendation, or a clinician's alert about a patient. None when there is nothing left
    /// to post: the recommendation or the alert is gone (an erasure), or the share no longer lets the clinician hear of it.
    /// </summary>
    private static async Task<object?> PayloadAsync(IDocumentSession session, WebhookDelivery delivery, DateTimeOffset now)
    {
        if (ClinicianAlert.IsAlert(delivery.Id))
        {
            if (await session.LoadAsync<ClinicianAlert>(delivery.Id) is not { } alert
                || !(await ShareQueries.ActiveAsync(session, alert.ClinicianId, alert.RunnerId, now))
                    .Any(s => s.Scope.Contains(ShareScope.Alerts)))
                return null;
            return alert.Payload((await session.LoadAsync<RunnerProfile>(alert.RunnerId))?.DisplayName);
        }

        if (await session.LoadAsync<RecommendationView>(delivery.RecommendationId) is not { } recommendation)
            return null;
        var zone = LocalCalendar.ZoneOrUtc((await session.LoadAsync<RunnerProfile>(delivery.RunnerId))?.TimeZone);
        var type = WebhookDelivery.IsFollowUp(delivery.Id) ? "recommendation.followed-up" : "recommendation.delivered";
        return new { type, data = RecommendationPayload.From(recommendation, zone) };
    }

    private async Task<(int? Status, string? Error)> PostAsync(WebhookDelivery delivery, WebhookSubscription subscription,
        object payload, DateTimeOffset now)
    {
        // A URL set before today's rules (or under other settings) is checked again before anything is sent.
        if (WebhookDestinations.Refuse(delivery.Url, destinations) is not null)
            return (null, WebhookAttemptCategory.RefusedDestination);
        var body = JsonSerializer.Serialize(payload, RecommendationPayload.Json);
        var timestamp = now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new StringContent(body, Encoding.UTF8,
            "application/json") };
        request.Headers.Add("webhook-id", delivery.Id);
        request.Headers.Add("webhook-timestamp", timestamp);
        request.Headers.Add("webhook-signature", "v1," + Sign(subscription.Secret, $"{delivery.Id}.{timestamp}.{body}"));
        try
        {
            var status = await WebhookClient.PostAsync(http.CreateClient(HttpClientName), request);
            return (status, status is >= 200 and < 300 ? null : WebhookAttemptCategory.Http(status));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or OperationCanceledException)
        {
            // The runner sees a category, never the exception's text: that would map the server's network for them.
            return (null, WebhookFailures.Categorize(e));
        }
    }

    /// <summary>Standard Webhooks: the secret is "whsec_" + base64 key bytes.</summary>
    public static string Sign(string secret, string content)
    {
        var key = Convert.FromBase64String(secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret["whsec_".Length..] : secret);
        return Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(content)));
    }
}
