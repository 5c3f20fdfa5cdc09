using System.Globalization;
using HipLog.Api.Http.Problems;
using HipLog.Domain.Runs;
using HipLog.Domain.Time;
using Microsoft.AspNetCore.Mvc;

namespace HipLog.Api.Trends;

/// <summary>An inclusive range of the runner's local days, for the trend and load reports.</summary>
public readonly record struct DayRange(DateOnly From, DateOnly To)
{
    public const int MaxDays = 3 * 366;

    /// <summary>Both ends are local dates (yyyy-MM-dd); without them the range is the <paramref name="defaultDays"/> days up to
    /// today.</summary>
    public static bool TryParse(string? from, string? to, DateOnly today, int defaultDays, out DayRange range, out ProblemDetails problem)
    {
        var errors = new FieldErrors();
        var end = Parse(to, "to", errors) ?? today;
        var start = Parse(from, "from", errors) ?? end.AddDays(1 - defaultDays);
        errors.When(errors.IsEmpty && end < start, "to", "Must not be before 'from'.")
            .When(errors.IsEmpty && end.DayNumber - start.DayNumber >= MaxDays, "from", $"A range covers at most {MaxDays} days.");
        range = new DayRange(start, end);
        problem = errors.ToProblem();
        return errors.IsEmpty;
    }

    public static DateOnly Today(TimeProvider clock, string? timeZone) =>
        LocalCalendar.LocalDay(clock.GetUtcNow(), LocalCalendar.FindZone(timeZone) ?? TimeZoneInfo.Utc);

    public static DateOnly UtcToday(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>
    /// This range, parsed against today in UTC, widened to hold the same range parsed against today in any zone (a day
    /// either side) and today there, the reports' "as of" day: what to read before the runner's zone is known, so that
    /// the zone and the data come in one round trip.
    /// </summary>
    public DayRange AnyZone(DateOnly utcToday) => new((From < utcToday ? From : utcToday).AddDays(-1), To.AddDays(1));

    public bool Contains(DateOnly day) => day >= From && day <= To;

    /// <summary>Whether a week starting on <paramref name="monday"/> shares a day with the range.</summary>
    public bool Overlaps(DateOnly monday) => monday <= To && monday.AddDays(6) >= From;

    private static DateOnly? Parse(string? value, string field, FieldErrors errors)
    {
        if (string.IsNullOrEmpty(value))
            return null;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            if (EntryLimits.InRange(day))
                return day;
            errors.Add(field, "Must be between 1900-01-01 and 2100-12-31.");
            return null;
        }

        errors.Add(field, "Use a local date such as 2026-11-25.");
        return null;
    }
}
