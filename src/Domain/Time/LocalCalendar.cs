namespace HipLog.Domain.Time;

/// <summary>Local-day arithmetic in a runner's IANA time zone, safe across daylight-saving changes.</summary>
public static class LocalCalendar
{
    public static TimeZoneInfo? FindZone(string? ianaId) =>
        ianaId is { Length: > 0 } && TimeZoneInfo.TryFindSystemTimeZoneById(ianaId, out var zone) && zone.HasIanaId ? zone : null;

    /// <summary>The first instant of a local day. Where midnight falls in a spring-forward gap, the day starts when the clocks do.</summary>
    public static DateTimeOffset StartOfDay(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
            local = local.AddMinutes(15);
        // In an ambiguous hour the earlier instant (the larger offset) comes first.
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    public static DateOnly LocalDay(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
}
