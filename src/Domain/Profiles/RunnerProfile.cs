using Marten.Events.Aggregation;

namespace HipLog.Domain.Profiles;

public sealed record RunnerProfile(
    string Id,
    string DisplayName,
    string TimeZone,
    TimeOnly ReminderTime,
    QuietHours? QuietHours,
    string? WebhookUrl,
    DateTimeOffset RegisteredAt,
    DateTimeOffset UpdatedAt)
{
    public static readonly TimeOnly DefaultReminderTime = new(7, 30);
    public const string DefaultTimeZone = "UTC";

    public bool HasSameSettings(string displayName, string timeZone, TimeOnly reminderTime, QuietHours? quietHours, string? webhookUrl) =>
        DisplayName == displayName && TimeZone == timeZone && ReminderTime == reminderTime
        && QuietHours == quietHours && WebhookUrl == webhookUrl;
}

/// <summary>Inline, so a runner reads their profile back in the same request cycle that wrote it.</summary>
public sealed partial class RunnerProfileProjection : SingleStreamProjection<RunnerProfile, string>
{
    public static RunnerProfile Create(RunnerRegistered e) =>
        new(e.RunnerId, e.DisplayName, e.TimeZone, e.ReminderTime, e.QuietHours, e.WebhookUrl, e.RegisteredAt, e.RegisteredAt);

    public static RunnerProfile Apply(RunnerProfileUpdated e, RunnerProfile current) =>
        current with
        {
            DisplayName = e.DisplayName,
            TimeZone = e.TimeZone,
            ReminderTime = e.ReminderTime,
            QuietHours = e.QuietHours,
            WebhookUrl = e.WebhookUrl,
            UpdatedAt = e.UpdatedAt,
        };
}
