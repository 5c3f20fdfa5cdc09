using System.Security.Cryptography;

namespace HipLog.Domain.Webhooks;

/// <summary>
/// What setting a profile's webhook URL does to the runner's webhook: the webhook as it then stands (none without a
/// URL), whether that is a change to store (or, with none left, to delete), and the signing secret when a new one was
/// made: it is shown once, in the answer that made it.
/// </summary>
public sealed record WebhookChange(WebhookSubscription? Standing, bool Changed, string? NewSecret);

public static class WebhookChanges
{
    /// <summary>Standard Webhooks' secret: "whsec_" and 32 random bytes in base64.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <param name="freshSecret">The secret a new webhook is given.</param>
    public static WebhookChange Set(string runnerId, WebhookSubscription? existing, string? url, string freshSecret, DateTimeOffset now)
    {
        if (url is null)
            return new WebhookChange(null, existing is not null, null);
        if (existing is null)
            return new WebhookChange(new WebhookSubscription(runnerId, url, freshSecret, false, null, now), true, freshSecret);
        if (existing.Url == url && !existing.Disabled)
            return new WebhookChange(existing, false, null);
        // Setting the URL again after a 410 switched deliveries off turns them back on.
        return new WebhookChange(existing with { Url = url, Disabled = false, DisabledReason = null }, true, null);
    }
}
