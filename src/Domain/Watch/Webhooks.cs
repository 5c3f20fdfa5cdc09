namespace HipLog.Domain.Watch;

/// <summary>
/// A runner's webhook: where recommendations are posted and the secret they are signed with (Standard Webhooks).
/// A document, not an event: a secret has no place in a log that is kept for ever.
/// </summary>
public sealed record WebhookSubscription(string Id, string Url, string Secret, bool Disabled, string? DisabledReason, DateTimeOffset CreatedAt);

public enum WebhookDeliveryState { Pending, Delivered, Failed, Disabled }

public sealed record WebhookAttempt(DateTimeOffset At, int? Status, string? Error);

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
    /// <summary>One delivery per recommendation and runner: also the webhook-id header, so receivers can de-duplicate.</summary>
    public static string IdFor(string recommendationId) => $"msg_{recommendationId}";
}
