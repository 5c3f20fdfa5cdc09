namespace HipLog.Domain.Webhooks;

/// <summary>
/// A runner's webhook: where recommendations are posted and the secret they are signed with (Standard Webhooks).
/// A document, not an event: a secret has no place in a log that is kept for ever.
/// </summary>
public sealed record WebhookSubscription(string Id, string Url, string Secret, bool Disabled, string? DisabledReason,
    DateTimeOffset CreatedAt);

public enum WebhookDeliveryState { Pending, Delivered, Failed, Disabled }

/// <param name="Error">A <see cref="WebhookAttemptCategory"/>, never the text of an exception.</param>
public sealed record WebhookAttempt(DateTimeOffset At, int? Status, string? Error);

/// <summary>What a runner is told about a failed attempt: a category, never an exception's text, which would map the server's
/// network.</summary>
public static class WebhookAttemptCategory
{
    public const string Timeout = "timeout", ConnectionFailed = "connection-failed", TlsFailed = "tls-failed",
        RefusedDestination = "refused-destination", WebhookRemoved = "webhook-removed";

    public static string Http(int status) => $"http-{status}";

    /// <summary>Attempts stored before categories existed kept the exception's text; they are shown as a category too.</summary>
    public static string? Shown(string? stored) => stored switch
    {
        null => null,
        Timeout or ConnectionFailed or TlsFailed or RefusedDestination or WebhookRemoved => stored,
        _ when stored.StartsWith("http-", StringComparison.Ordinal) => stored,
        _ when stored.Contains("Timeout", StringComparison.OrdinalIgnoreCase)
            || stored.StartsWith("TaskCanceled", StringComparison.Ordinal) => Timeout,
        _ when stored.StartsWith("The webhook was removed", StringComparison.Ordinal) => WebhookRemoved,
        _ => ConnectionFailed,
    };
}

/// <summary>One recommendation posted to one runner's webhook, with every attempt.</summary>
public sealed record WebhookDelivery(
    string Id,
    string RunnerId,
    string RecommendationId,
    string Url,
    WebhookDeliveryState State,
    IReadOnlyList<WebhookAttempt> Attempts,
    DateTimeOffset CreatedAt)
{
    /// <summary>
    /// When the next attempt is due: when it was recorded, then each retry's time. A pending delivery past it by more
    /// than a minute lost its job (a Worker died) and is sent again by the sweep.
    /// </summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>
    /// The delivery to make, recorded in the same transaction as what it announces (an outbox): a Worker killed right
    /// after that commit leaves it pending, and it is sent all the same.
    /// </summary>
    public static WebhookDelivery Pending(string id, string recommendationId, WebhookSubscription to, DateTimeOffset now) =>
        new(id, to.Id, recommendationId, to.Url, WebhookDeliveryState.Pending, [], now) { NextAttemptAt = now };

    /// <summary>One delivery per recommendation and runner: also the webhook-id header, so receivers can de-duplicate.</summary>
    public static string IdFor(string recommendationId) => $"msg_{recommendationId}";

    /// <summary>The second, and last, delivery of a recommendation: its follow-up.</summary>
    public static string FollowUpIdFor(string recommendationId) => $"msg_{recommendationId}~follow-up";

    public static bool IsFollowUp(string deliveryId) => deliveryId.EndsWith("~follow-up", StringComparison.Ordinal);
}
