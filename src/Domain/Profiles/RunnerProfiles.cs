namespace HipLog.Domain.Profiles;

/// <summary>The settings a runner gives their profile, every one checked.</summary>
public sealed record ProfileSettings(string DisplayName, string TimeZone, TimeOnly ReminderTime, QuietHours? QuietHours,
    string? WebhookUrl);

/// <summary>The decision about a runner's profile: registered the first time, updated after, and nothing when it says the same.</summary>
public static class RunnerProfiles
{
    public static object? Set(string runnerId, RunnerProfile? current, ProfileSettings s, DateTimeOffset now)
    {
        if (current is null)
            return new RunnerRegistered(runnerId, s.DisplayName, s.TimeZone, s.ReminderTime, s.QuietHours, s.WebhookUrl, now);
        if (current.HasSameSettings(s.DisplayName, s.TimeZone, s.ReminderTime, s.QuietHours, s.WebhookUrl))
            return null;
        return new RunnerProfileUpdated(runnerId, s.DisplayName, s.TimeZone, s.ReminderTime, s.QuietHours, s.WebhookUrl, now);
    }

    /// <summary>The profile as the event leaves it, by the projection's own rules.</summary>
    public static RunnerProfile After(RunnerProfile? current, object? change) => change switch
    {
        RunnerRegistered registered => RunnerProfileProjection.Create(registered),
        RunnerProfileUpdated updated => RunnerProfileProjection.Apply(updated, current!),
        _ => current!,
    };
}
