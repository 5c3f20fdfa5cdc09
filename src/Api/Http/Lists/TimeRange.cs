using System.Globalization;
using HipLog.Api.Http.Problems;
using HipLog.Domain.Runs;
using HipLog.Domain.Time;

namespace HipLog.Api.Http.Lists;

/// <summary>A half-open range of instants [From, To) read from the from/to query values of a list endpoint.</summary>
public readonly record struct TimeRange(DateTimeOffset? From, DateTimeOffset? To)
{
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(3653);

    /// <summary>
    /// A bare date means that whole local day in the runner's zone (UTC before a profile exists), so
    /// to=2026-11-25 includes runs late on the 25th; a date-time must carry its offset. Mistakes are added to
    /// those of the request's other values.
    /// </summary>
    public static TimeRange Parse(string? from, string? to, string? timeZone, FieldErrors errors)
    {
        var zone = LocalCalendar.FindZone(timeZone) ?? TimeZoneInfo.Utc;
        var start = Parse(from, zone, endOfDay: false, "from", errors);
        var end = Parse(to, zone, endOfDay: true, "to", errors);
        errors.When(start is not null && end is not null && end < start, "to", "Must not be before 'from'.")
            .When(start is not null && end is not null && end - start > MaxSpan, "from", "A range covers at most 10 years.");
        return new TimeRange(start, end);
    }

    private static DateTimeOffset? Parse(string? value, TimeZoneInfo zone, bool endOfDay, string field, FieldErrors errors)
    {
        if (string.IsNullOrEmpty(value))
            return null;
        // An unencoded '+' in a query string arrives as a space.
        value = value.Replace(' ', '+');
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return EntryLimits.InRange(day) ? LocalCalendar.StartOfDay(endOfDay ? day.AddDays(1) : day, zone) : OutOfRange(field, errors);
        if (value.Contains('T') && (value.EndsWith('Z') || value.LastIndexOfAny(['+', '-']) > value.IndexOf('T'))
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var instant))
            return EntryLimits.InRange(instant) ? instant : OutOfRange(field, errors);
        errors.Add(field, "Use a date (2026-11-25) or a date-time with an offset (2026-11-25T07:00:00+01:00).");
        return null;
    }

    private static DateTimeOffset? OutOfRange(string field, FieldErrors errors)
    {
        errors.Add(field, "Must be between 1900-01-01 and 2100-12-31.");
        return null;
    }
}
