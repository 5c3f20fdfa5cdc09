namespace HipLog.Domain.Time;

/// <summary>Local-day arithmetic in a runner's IANA time zone, safe across daylight-saving changes.</summary>
public static class LocalCalendar
{
    public static TimeZoneInfo? FindZone(string? ianaId) =>
        ianaId is { Length: > 0 } && TimeZoneInfo.TryFindSystemTimeZoneById(ianaId, out var zone) && zone.HasIanaId ? zone : null;

    /// <summary>The first instant of a local day. Where midnight falls in a spring-forward gap, the day starts when the clocks
    /// do.</summary>
    public static DateTimeOffset StartOfDay(DateOnly day, TimeZoneInfo zone) => At(day, TimeOnly.MinValue, zone);

    /// <summary>A local clock time on a day. Inside a spring-forward gap it moves to when the clocks resume; in the hour that repeats, the
    /// first one counts.</summary>
    public static DateTimeOffset At(DateOnly day, TimeOnly time, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
            local = local.AddMinutes(1);
        // In an ambiguous hour the earlier instant has the larger offset.
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    /// <summary>The same instant, written with the offset the runner's zone has at that moment.</summary>
    public static DateTimeOffset InZone(DateTimeOffset instant, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(instant, zone);

    public static DateTimeOffset? InZone(DateTimeOffset? instant, TimeZoneInfo zone) => instant is { } at ? InZone(at, zone) : null;

    /// <summary>The runner's zone, or UTC for a runner with no (or no known) zone yet.</summary>
    public static TimeZoneInfo ZoneOrUtc(string? ianaId) => FindZone(ianaId) ?? TimeZoneInfo.Utc;

    public static DateOnly LocalDay(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
}
