using HipLog.Domain.Pain;
using HipLog.Domain.Trends;

namespace HipLog.Domain.Watch;

/// <summary>What the not-settling rule reads of a report, whoever holds it: the watch's facts and the traffic light's.</summary>
public interface IDayReport
{
    DateOnly Day { get; }
    DateTimeOffset ReportedAt { get; }
    PainLocation Location { get; }
    PainTiming Timing { get; }
    int Score { get; }
}

/// <summary>A pain report as the rules read it, with the local day it falls on.</summary>
public sealed record ReportFacts(Guid ReportId, DateTimeOffset ReportedAt, DateOnly Day, PainLocation Location, BodySide Side,
    PainTiming Timing, int Score, RedFlags RedFlags) : IDayReport;

/// <param name="WeekDistanceChangePercent">Distance of the 7 days to the report against the 7 before.</param>
/// <param name="LoadRatio">Acute:chronic ratio on the report's day.</param>
public sealed record LoadContext(double? WeekDistanceChangePercent, double? LoadRatio)
{
    public static readonly LoadContext None = new(null, null);

    /// <summary>The context on a day, from a window that holds the two weeks up to it.</summary>
    public static LoadContext On(DateOnly day, TrainingWindow window)
    {
        var days = window.Figures(day.AddDays(-13), day).Days;
        if (days.Count == 0)
            return None;
        var thisWeek = days.Where(d => d.Day > day.AddDays(-7)).Sum(d => d.DistanceKm);
        var weekBefore = days.Where(d => d.Day <= day.AddDays(-7)).Sum(d => d.DistanceKm);
        double? change = weekBefore > 0 ? Math.Round((thisWeek - weekBefore) / weekBefore * 100, 1) : null;
        return new LoadContext(change, days[^1].Ratio);
    }
}

/// <summary>The routines already delivered in this bout of pain, and the stretching done since the first of them.</summary>
public sealed record EpisodeContext(DateTimeOffset? FirstRoutineDeliveredAt, int SessionsSinceFirstRoutine)
{
    public static readonly EpisodeContext None = new(null, 0);
}

public sealed record Assessment(ReportFacts Report, IReadOnlyList<string> Reasons, IReadOnlyList<string> RedFlags,
    IReadOnlyList<string> Advisories, LoadContext Load)
{
    public bool NeedsClinician => RedFlags.Count > 0;

    /// <summary>What the runner is shown: the rules that fired, red flags included.</summary>
    public IReadOnlyList<string> AllReasons => [.. Reasons, .. RedFlags];
}

/// <summary>The pain-rise rules and the red flags of docs/pain-watch.md, as pure functions of a report and its history.</summary>
public static class PainRules
{
    public const string Flare = "flare", NotSettling = "not-settling", RisingWeek = "rising-week", Streak = "streak";
    public const string EaseMileage = "ease-mileage";

    /// <summary>
    /// How far back the rules look: the rising week's 7 days and the 28 before them. A streak is three reports within
    /// this window too; reports months apart are no streak, and the watch never needs more than five weeks of history.
    /// </summary>
    public const int WindowDays = 35;

    /// <param name="history">The runner's other standing reports; only those of the <see cref="WindowDays"/> up to this one are
    /// read.</param>
    public static Assessment? Assess(ReportFacts report, IEnumerable<ReportFacts> history, LoadContext load, EpisodeContext episode,
        PainWatchOptions o)
    {
        var earlier = history.Where(h => h.ReportId != report.ReportId && h.ReportedAt <= report.ReportedAt
            && h.Day > report.Day.AddDays(-WindowDays)).ToList();
        var samePlace = earlier.Where(h => h.Location == report.Location).Append(report).OrderBy(h => h.ReportedAt).ToList();

        var reasons = new List<string>();
        if (report.Score >= o.FlareScore)
            reasons.Add(Flare);
        if (IsNotSettling(report, earlier))
            reasons.Add(NotSettling);
        if (IsRisingWeek(report, samePlace, o))
            reasons.Add(RisingWeek);
        if (IsStreak(samePlace, o))
            reasons.Add(Streak);

        var redFlags = new List<string>();
        if (report.RedFlags.PainAtRest) redFlags.Add("red-flag:pain-at-rest");
        if (report.RedFlags.PainAtNight) redFlags.Add("red-flag:pain-at-night");
        if (report.RedFlags.CannotBearWeight) redFlags.Add("red-flag:cannot-bear-weight");
        if (report.RedFlags.PainWhenHopping) redFlags.Add("red-flag:pain-when-hopping");
        if (report.Score >= o.SevereScore) redFlags.Add("red-flag:severe-pain");
        // Exercise-related groin pain that keeps rising is the commonest sign of a femoral neck stress fracture in runners.
        if (report.Location == PainLocation.Groin && report.Timing is PainTiming.DuringRun or PainTiming.AfterRun
            && (reasons.Contains(RisingWeek) || reasons.Contains(Streak)))
            redFlags.Add("red-flag:groin-pain-with-running");
        if (reasons.Count > 0 && episode is { FirstRoutineDeliveredAt: { } first, SessionsSinceFirstRoutine: > 0 }
            && report.ReportedAt - first >= TimeSpan.FromDays(o.StillRisingAfterDays))
            redFlags.Add("red-flag:not-improving");

        if (reasons.Count == 0 && redFlags.Count == 0)
            return null;
        var advisories = load.LoadRatio >= o.HighLoadRatio ? new[] { EaseMileage } : [];
        return new Assessment(report, reasons, redFlags, advisories, load);
    }

    /// <summary>
    /// A next-morning score above the previous day's (latest) after-run score for the same place: the watch's rule, and the
    /// traffic light's.
    /// </summary>
    public static bool IsNotSettling<T>(T report, IEnumerable<T> earlier) where T : IDayReport =>
        report.Timing == PainTiming.NextMorning
        && earlier.Where(h => h.Location == report.Location && h.Timing == PainTiming.AfterRun && h.Day == report.Day.AddDays(-1))
            .MaxBy(h => h.ReportedAt) is { } afterRun
        && report.Score > afterRun.Score;

    /// <summary>The last 7 days' mean at least 2 points above the mean of the 28 days before, with 3 or more reports in the 7.</summary>
    private static bool IsRisingWeek(ReportFacts report, IReadOnlyList<ReportFacts> samePlace, PainWatchOptions o)
    {
        var recent = samePlace.Where(h => h.Day <= report.Day && h.Day > report.Day.AddDays(-7)).Select(h => h.Score).ToList();
        var baseline = samePlace.Where(h => h.Day <= report.Day.AddDays(-7) && h.Day > report.Day.AddDays(-35)).Select(h => h.Score)
            .ToList();
        return recent.Count >= o.RisingWeekMinReports && baseline.Count > 0 && recent.Average() - baseline.Average() >= o.RisingWeekPoints;
    }

    /// <summary>The last three reports for the place, this one included, each higher than the one before.</summary>
    private static bool IsStreak(IReadOnlyList<ReportFacts> samePlace, PainWatchOptions o)
    {
        if (samePlace.Count < o.StreakLength)
            return false;
        var last = samePlace.TakeLast(o.StreakLength).ToList();
        return last.Zip(last.Skip(1)).All(pair => pair.Second.Score > pair.First.Score);
    }
}
