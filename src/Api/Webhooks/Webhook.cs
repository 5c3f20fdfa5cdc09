using System.Security.Cryptography;
using System.Text.Json.Serialization;
using HipLog.Api.Http.Writes;
using HipLog.Domain.Profiles;
using HipLog.Domain.Time;
using HipLog.Domain.Watch;
using HipLog.Domain.Webhooks;
using Marten;

namespace HipLog.Api.Webhooks;

public static class Webhook
{
    /// <summary>Keeps the webhook document in step with the profile's URL; answers a secret when it makes a new one.</summary>
    public static async Task<(string? NewSecret, WebhookSubscription? Webhook)> SetAsync(IDocumentSession session, string runnerId, string? url, DateTimeOffset now)
    {
        var existing = await session.LoadAsync<WebhookSubscription>(runnerId);
        if (url is null)
        {
            if (existing is not null)
                session.Delete<WebhookSubscription>(runnerId);
            return (null, null);
        }

        if (existing is null)
        {
            var secret = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            var created = new WebhookSubscription(runnerId, url, secret, false, null, now);
            session.Store(created);
            return (secret, created);
        }

        if (existing.Url == url && !existing.Disabled)
            return (null, existing);
        var changed = existing with { Url = url, Disabled = false, DisabledReason = null };
        session.Store(changed);
        return (null, changed);
    }
}
