using HipLog.Domain.Profiles;
using HipLog.Domain.Time;

namespace HipLog.Domain.Watch;

/// <summary>When a routine reaches the runner: their next reminder time, in their zone, outside their quiet hours.</summary>
public static class ReminderSchedule
{
    /// <param name="taken">Local days that already have a routine the runner accepted: at most one routine a day.</param>
    public static (DateOnly Day, DateTimeOffset At) Next(DateTimeOffset now, TimeZoneInfo zone, TimeOnly reminder, QuietHours? quiet,
        IReadOnlySet<DateOnly>? taken = null)
    {
        var time = quiet is not null && IsQuiet(reminder, quiet) ? quiet.End : reminder;
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        for (var i = 0; i < 370; i++, day = day.AddDays(1))
        {
            var at = LocalCalendar.At(day, time, zone);
            if (at >= now && (taken is null || !taken.Contains(day)))
                return (day, at);
        }

        throw new InvalidOperationException("No reminder day within a year.");
    }

    public static bool IsQuiet(TimeOnly time, QuietHours quiet) =>
        quiet.Start < quiet.End ? time >= quiet.Start && time < quiet.End : time >= quiet.Start || time < quiet.End;
}
