using System.Text.Json.Serialization;
using HipLog.Api.Infrastructure;
using System.Security.Cryptography;
using HipLog.Domain.Runners;
using HipLog.Domain.Time;
using HipLog.Domain.Watch;
using Marten;

namespace HipLog.Api.Profiles;

/// <param name="WebhookSecret">The signing key, present only in the answer that created it.</param>
/// <param name="WebhookDisabled">Why deliveries stopped (the receiver answered 410 Gone); setting the URL again restarts them.</param>
/// <param name="WebhookSecretNote">Only in a replay of the answer that first carried the secret: the secret is never stored to be replayed.</param>
public sealed record ProfileResponse(
    string Id, string DisplayName, string TimeZone, TimeOnly ReminderTime, QuietHours? QuietHours, string? WebhookUrl,
    string? WebhookSecret, string? WebhookDisabled, DateTimeOffset RegisteredAt, DateTimeOffset UpdatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? WebhookSecretNote = null) : IReplayable
{
    public object ForReplay() => WebhookSecret is null ? this
        : this with { WebhookSecret = null, WebhookSecretNote = "The secret was shown only in the first answer and is not kept for replays; set the webhook URL anew to get a new one." };

    /// <summary>HipLog stamps registeredAt and updatedAt in UTC; the runner reads them on the clock of the zone just set.</summary>
    public static ProfileResponse From(RunnerProfile p, WebhookSubscription? webhook, string? newSecret)
    {
        var zone = LocalCalendar.ZoneOrUtc(p.TimeZone);
        return new(p.Id, p.DisplayName, p.TimeZone, p.ReminderTime, p.QuietHours, p.WebhookUrl, newSecret,
            webhook is { Disabled: true } ? webhook.DisabledReason ?? "disabled" : null, LocalCalendar.InZone(p.RegisteredAt, zone), LocalCalendar.InZone(p.UpdatedAt, zone));
    }
}

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
