using HipLog.Domain.Time;

namespace HipLog.Domain.Trends;

/// <summary>Pure arithmetic of the pain trend: buckets by local day and ISO week, means, and rolling windows.</summary>
public static class PainTrendCalculator
{
    public const int RecentDays = 7;
    public const int BaselineDays = 28;

    public static PainTrendFigures Compute(IReadOnlyCollection<PainEntry> reports)
    {
        var ordered = reports.OrderBy(r => r.ReportedAt).ThenBy(r => r.ReportId).ToList();

        var days = ordered.GroupBy(r => (r.Day, r.Location, r.Side))
            .Select(g => Bucket(IsoWeeks.DayLabel(g.Key.Day), g.Key.Day, g.Key.Location, g.Key.Side, g))
            .OrderBy(b => b.Start).ThenBy(b => b.Location).ThenBy(b => b.Side).ToList();
        var weeks = ordered.GroupBy(r => (Monday: IsoWeeks.Monday(r.Day), r.Location, r.Side))
            .Select(g => Bucket(IsoWeeks.Label(g.Key.Monday), g.Key.Monday, g.Key.Location, g.Key.Side, g))
            .OrderBy(b => b.Start).ThenBy(b => b.Location).ThenBy(b => b.Side).ToList();

        var byDay = ordered.GroupBy(r => r.Day).ToDictionary(g => g.Key, g => g.Select(r => r.Score).ToList());
        var totals = Totals(byDay);
        var dailyOverall = byDay.OrderBy(d => d.Key).Select(d =>
        {
            var (mean7, prev28) = RollingMeans(totals, d.Key);
            return new PainPeriod(IsoWeeks.DayLabel(d.Key), d.Key, d.Value.Count, d.Value.Sum(), Round(d.Value.Average()), d.Value.Max(),
                mean7, prev28);
        }).ToList();
        var weeklyOverall = ordered.GroupBy(r => IsoWeeks.Monday(r.Day)).OrderBy(g => g.Key)
            .Select(g => new PainPeriod(IsoWeeks.Label(g.Key), g.Key, g.Count(), g.Sum(r => r.Score), Round(g.Average(r => r.Score)),
                g.Max(r => r.Score), null, null))
            .ToList();

        return new PainTrendFigures(days, weeks, dailyOverall, weeklyOverall, ordered.LastOrDefault());
    }

    /// <summary>
    /// The mean of the scores of the 7 local days ending on <paramref name="day"/>, and the mean of the 28 days before
    /// those (the pain-monitoring model's "does it rise week to week" comparison). Null where a window has no report.
    /// </summary>
    public static (double? Mean7, double? MeanPrev28) RollingMeans(IReadOnlyDictionary<DateOnly, List<int>> scoresByDay, DateOnly day) =>
        RollingMeans(Totals(scoresByDay), day);

    private static Dictionary<DateOnly, (int Count, int Total)> Totals(IReadOnlyDictionary<DateOnly, List<int>> scoresByDay) =>
        scoresByDay.ToDictionary(d => d.Key, d => (d.Value.Count, d.Value.Sum()));

    /// <summary>The same means from the daily periods, as the trend endpoint reads them.</summary>
    public static (double? Mean7, double? MeanPrev28) RollingMeans(IEnumerable<PainPeriod> days, DateOnly day) =>
        RollingMeans(days.ToDictionary(d => d.Start, d => (d.Count, d.Total)), day);

    private static (double? Mean7, double? MeanPrev28) RollingMeans(IReadOnlyDictionary<DateOnly, (int Count, int Total)> byDay,
        DateOnly day)
    {
        double? Mean(int fromDaysBack, int toDaysBack)
        {
            var (sum, count) = (0, 0);
            for (var back = fromDaysBack; back <= toDaysBack; back++)
                if (byDay.TryGetValue(day.AddDays(-back), out var scores))
                    (sum, count) = (sum + scores.Total, count + scores.Count);
            return count == 0 ? null : Round((double)sum / count);
        }

        return (Mean(0, RecentDays - 1), Mean(RecentDays, RecentDays + BaselineDays - 1));
    }

    private static PainBucket Bucket(string period, DateOnly start, Pain.PainLocation location, Pain.BodySide side,
        IEnumerable<PainEntry> reports)
    {
        var scores = reports.Select(r => r.Score).ToList();
        return new PainBucket(period, start, location, side, scores.Count, Round(scores.Average()), scores.Max());
    }

    public static double Round(double value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
