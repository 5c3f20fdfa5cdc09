using HipLog.Domain.Pain;
using HipLog.Domain.Watch;

namespace HipLog.Domain.Sharing;

public enum Light { Red, Amber, Green, Grey }

/// <summary>A standing pain report as the light reads it: its local day in the runner's zone.</summary>
public sealed record LightReport(DateOnly Day, DateTimeOffset At, int Score, PainLocation Location, PainTiming Timing, bool RedFlag);

public sealed record LightVerdict(Light Light, IReadOnlyList<string> Reasons);

/// <summary>
/// The pain traffic light of the pain-monitoring model (Silbernagel et al. 2007; Thomeé 1997), read over the runner's local
/// days, the thresholds from the pain watch's options. Red: a score above 5 in the last 3 days, pain the next morning
/// higher than after the previous day's run in the last 3 days, a red-flag answer of the last 14 days, or an open
/// clinician advisory. Amber: a score of 3 to 5 in the last 3 days, or a week rising 2 points over the 28 days before.
/// Green: reports in the last 7 days and none of that. Grey: no report in 7 days.
/// </summary>
public static class PainLight
{
    /// <summary>The days the light needs: the rising week's 7 and the 28 before them.</summary>
    public const int DaysRead = 35;

    public static LightVerdict Of(IReadOnlyList<LightReport> reports, int openAdvisories, DateOnly today, PainWatchOptions o)
    {
        var recent = reports.Where(r => r.Day > today.AddDays(-3) && r.Day <= today).ToList();
        var red = new List<string>();
        if (recent.Where(r => r.Score >= o.FlareScore).MaxBy(r => r.Score) is { } high)
            red.Add($"Pain of {high.Score}/10 on {high.Day:yyyy-MM-dd}, above 5.");
        if (recent.FirstOrDefault(r => NotSettled(r, reports)) is { } morning)
            red.Add($"Pain the morning of {morning.Day:yyyy-MM-dd} was higher than after the run the day before.");
        if (reports.Where(r => r.RedFlag && r.Day > today.AddDays(-o.RedFlagStandsDays)).MaxBy(r => r.At) is { } flag)
            red.Add($"A red-flag answer on {flag.Day:yyyy-MM-dd}.");
        if (openAdvisories > 0)
            red.Add(openAdvisories == 1 ? "An open advice to see a clinician." : $"{openAdvisories} open advices to see a clinician.");
        if (red.Count > 0)
            return new LightVerdict(Light.Red, red);

        var amber = new List<string>();
        if (recent.Where(r => r.Score >= o.WatchfulScore).MaxBy(r => r.Score) is { } watchful)
            amber.Add($"Pain of {watchful.Score}/10 on {watchful.Day:yyyy-MM-dd}, within the 3 to 5 to watch.");
        if (RisingPlace(reports, today, o) is { } place)
            amber.Add($"Pain at the {Words.Of(place)} rose by {o.RisingWeekPoints:0.#} points or more this week against the 4 weeks " +
                "before.");
        if (amber.Count > 0)
            return new LightVerdict(Light.Amber, amber);

        return reports.Any(r => r.Day > today.AddDays(-7) && r.Day <= today)
            ? new LightVerdict(Light.Green, ["Pain reported in the last 7 days, and no sign of trouble in it."])
            : new LightVerdict(Light.Grey, ["No pain report in the last 7 days."]);
    }

    /// <summary>A next-morning score above the latest after-run score of the day before, for the same place (the watch's rule).</summary>
    private static bool NotSettled(LightReport morning, IReadOnlyList<LightReport> reports) =>
        morning.Timing == PainTiming.NextMorning
        && reports.Where(r => r.Location == morning.Location && r.Timing == PainTiming.AfterRun && r.Day == morning.Day.AddDays(-1))
            .MaxBy(r => r.At) is { } afterRun
        && morning.Score > afterRun.Score;

    private static PainLocation? RisingPlace(IReadOnlyList<LightReport> reports, DateOnly today, PainWatchOptions o)
    {
        foreach (var place in reports.GroupBy(r => r.Location))
        {
            var week = place.Where(r => r.Day <= today && r.Day > today.AddDays(-7)).Select(r => r.Score).ToList();
            var before = place.Where(r => r.Day <= today.AddDays(-7) && r.Day > today.AddDays(-DaysRead)).Select(r => r.Score).ToList();
            if (week.Count >= o.RisingWeekMinReports && before.Count > 0 && week.Average() - before.Average() >= o.RisingWeekPoints)
                return place.Key;
        }

        return null;
    }

    private static class Words
    {
        public static string Of(PainLocation place) => Wire.Kebab.Of(place).Replace('-', ' ');
    }
}
