using HipLog.Domain.Pain;
using HipLog.Domain.Watch;

namespace HipLog.Domain.Sharing;

public enum Light { Red, Amber, Green, Grey }

/// <summary>A standing pain report as the light reads it: its local day in the runner's zone.</summary>
public sealed record LightReport(DateOnly Day, DateTimeOffset At, int Score, PainLocation Location, PainTiming Timing, bool RedFlag)
    : IDayReport
{
    DateTimeOffset IDayReport.ReportedAt => At;
}

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

    public static LightVerdict Of(IReadOnlyList<LightReport> reports, int openAdvisories, DateOnly today, PainWatchOptions o) =>
        Of(PainFacts.Of("", reports), openAdvisories, today, o);

    public static LightVerdict Of(PainFacts facts, int openAdvisories, DateOnly today, PainWatchOptions o)
    {
        var recent = facts.HighestBetween(today.AddDays(-2), today).ToList();
        var red = new List<string>();
        if (recent.Where(d => d.Score >= o.FlareScore).MaxBy(d => d.Score) is { } high)
            red.Add($"Pain of {high.Score}/10 on {high.Day:yyyy-MM-dd}, above 5.");
        if (facts.Unsettled.Where(d => d > today.AddDays(-3) && d <= today).Select(d => (DateOnly?)d).Max() is { } morning)
            red.Add($"Pain the morning of {morning:yyyy-MM-dd} was higher than after the run the day before.");
        if (facts.RedFlags.Where(d => d > today.AddDays(-o.RedFlagStandsDays)).Select(d => (DateOnly?)d).Max() is { } flag)
            red.Add($"A red-flag answer on {flag:yyyy-MM-dd}.");
        if (openAdvisories > 0)
            red.Add(openAdvisories == 1 ? "An open advice to see a clinician." : $"{openAdvisories} open advices to see a clinician.");
        if (red.Count > 0)
            return new LightVerdict(Light.Red, red);

        var amber = new List<string>();
        if (recent.Where(d => d.Score >= o.WatchfulScore).MaxBy(d => d.Score) is { } watchful)
            amber.Add($"Pain of {watchful.Score}/10 on {watchful.Day:yyyy-MM-dd}, within the 3 to 5 to watch.");
        if (RisingPlace(facts, today, o) is { } place)
            amber.Add($"Pain at the {Words.Of(place)} rose by {o.RisingWeekPoints:0.#} points or more this week against the 4 weeks " +
                "before.");
        if (amber.Count > 0)
            return new LightVerdict(Light.Amber, amber);

        return facts.HighestBetween(today.AddDays(-6), today).Any()
            ? new LightVerdict(Light.Green, ["Pain reported in the last 7 days, and no sign of trouble in it."])
            : new LightVerdict(Light.Grey, ["No pain report in the last 7 days."]);
    }

    private static PainLocation? RisingPlace(PainFacts facts, DateOnly today, PainWatchOptions o)
    {
        foreach (var place in facts.Places)
        {
            var week = facts.Between(place, today.AddDays(-6), today);
            var before = facts.Between(place, today.AddDays(1 - DaysRead), today.AddDays(-7));
            if (week.Count >= o.RisingWeekMinReports && before.Count > 0
                && (double)week.Total / week.Count - (double)before.Total / before.Count >= o.RisingWeekPoints)
                return place.Location;
        }

        return null;
    }

    private static class Words
    {
        public static string Of(PainLocation place) => Wire.Kebab.Of(place).Replace('-', ' ');
    }
}
