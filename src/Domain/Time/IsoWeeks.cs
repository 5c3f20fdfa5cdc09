using System.Globalization;

namespace HipLog.Domain.Time;

public static class IsoWeeks
{
    /// <summary>"2026-W48": the ISO 8601 week a local day belongs to (weeks start on Monday).</summary>
    public static string Label(DateOnly day)
    {
        var date = day.ToDateTime(TimeOnly.MinValue);
        return $"{ISOWeek.GetYear(date)}-W{ISOWeek.GetWeekOfYear(date):00}";
    }

    public static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    public static string DayLabel(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
