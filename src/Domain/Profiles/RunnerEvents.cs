namespace HipLog.Domain.Profiles;

public sealed record QuietHours(TimeOnly Start, TimeOnly End);

public sealed record RunnerRegistered(
    string RunnerId,
    string DisplayName,
    string TimeZone,
    TimeOnly ReminderTime,
    QuietHours? QuietHours,
    string? WebhookUrl,
    DateTimeOffset RegisteredAt);

public sealed record RunnerProfileUpdated(
    string RunnerId,
    string DisplayName,
    string TimeZone,
    TimeOnly ReminderTime,
    QuietHours? QuietHours,
    string? WebhookUrl,
    DateTimeOffset UpdatedAt);
