using System.Text.Json.Serialization;
using HipLog.Api.Http.Writes;
using HipLog.Domain.Profiles;
using HipLog.Domain.Time;
using HipLog.Domain.Webhooks;

namespace HipLog.Api.Profiles;

/// <param name="WebhookSecret">The signing key, present only in the answer that created it.</param>
/// <param name="WebhookDisabled">Why deliveries stopped (the receiver answered 410 Gone); setting the URL again restarts them.</param>
/// <param name="WebhookSecretNote">Only in a replay of the answer that first carried the secret: the secret is never stored to be
/// replayed.</param>
public sealed record ProfileResponse(
    string Id, string DisplayName, string TimeZone, TimeOnly ReminderTime, QuietHours? QuietHours, string? WebhookUrl,
    string? WebhookSecret, string? WebhookDisabled, DateTimeOffset RegisteredAt, DateTimeOffset UpdatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? WebhookSecretNote = null) : IReplayable
{
    public object ForReplay() => WebhookSecret is null ? this
        : this with { WebhookSecret = null,
            WebhookSecretNote = "The secret was shown only in the first answer and is not kept for replays; set the webhook URL anew to " +
            "get a new one." };

    /// <summary>HipLog stamps registeredAt and updatedAt in UTC; the runner reads them on the clock of the zone just set.</summary>
    public static ProfileResponse From(RunnerProfile p, WebhookSubscription? webhook, string? newSecret)
    {
        var zone = LocalCalendar.ZoneOrUtc(p.TimeZone);
        return new(p.Id, p.DisplayName, p.TimeZone, p.ReminderTime, p.QuietHours, p.WebhookUrl, newSecret,
            webhook is { Disabled: true } ? webhook.DisabledReason ?? "disabled" : null, LocalCalendar.InZone(p.RegisteredAt, zone),
                LocalCalendar.InZone(p.UpdatedAt, zone));
    }
}
