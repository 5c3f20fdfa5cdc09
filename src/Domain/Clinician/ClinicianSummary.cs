using System.Globalization;
using HipLog.Domain.Pain;
using HipLog.Domain.Stretching;
using HipLog.Domain.Time;
using HipLog.Domain.Trends;
using HipLog.Domain.Watch;

namespace HipLog.Domain.Clinician;

public enum PainDirection { Rising, Easing, Steady, OneReport }

/// <summary>A score and the local day it was given on.</summary>
public sealed record ScoreOn(int Score, DateOnly Day);

/// <summary>The first rows of a list that would not fit on paper, and how many were left out.</summary>
public sealed record Capped<T>(IReadOnlyList<T> Shown, int More)
{
    public int Total => Shown.Count + More;
}

public sealed record PainRow(PainLocation Location, BodySide Side, PainTiming Timing, int Reports, ScoreOn First, ScoreOn Worst,
    ScoreOn Latest, PainDirection Trend);

/// <param name="Questions">The screening questions answered "yes", in plain words.</param>
public sealed record RedFlagRow(DateOnly Day, PainLocation Location, BodySide Side, int Score, IReadOnlyList<string> Questions);

/// <param name="Ratio">Acute:chronic ratio at the end of the week (or of today, in the week under way); null before 28 days of
/// history.</param>
public sealed record WeekRow(string Week, DateOnly Monday, double DistanceKm, double? ChangePercent, double? Ratio, bool SoFar);

/// <param name="Rated">Sessions with pain rated before and after.</param>
public sealed record StretchRow(string ExerciseId, string Name, int Sessions, int Rated, double? MeanBefore, double? MeanAfter, int Eased,
    int Same, int Raised);

/// <param name="Why">The rules that fired and the advisories, in plain words.</param>
/// <param name="Outcome">What became of it, in plain words.</param>
public sealed record RecommendationRow(DateOnly Day, RecommendationKind Kind, PainLocation Location, BodySide Side,
    IReadOnlyList<string> Why, string Outcome);

public sealed record NoteRow(DateOnly Day, PainLocation Location, BodySide Side, int Score, string Text);

/// <summary>What a clinician reads in two minutes: the runner's period, capped so that it prints on two A4 pages.</summary>
public sealed record ClinicianSummary(
    string RunnerId,
    string DisplayName,
    string TimeZone,
    DateOnly From,
    DateOnly To,
    int PainReports,
    int Runs,
    double DistanceKm,
    int StretchSessions,
    Capped<PainRow> Pain,
    Capped<RedFlagRow> RedFlags,
    IReadOnlyList<DateOnly> EarlierRedFlagDays,
    IReadOnlyList<WeekRow> Weeks,
    Capped<StretchRow> Stretches,
    Capped<RecommendationRow> Recommendations,
    IReadOnlyList<(string Name, string Meaning)> Rules,
    Capped<NoteRow> Notes);

/// <summary>
/// Assembles the clinician summary from the period's records, without I/O. Every list a busy runner could make long is
/// capped, and says how many it left out, so that the page never spills onto a third sheet.
/// </summary>
public static class ClinicianSummaries
{
    public const int DefaultWeeks = 12, MaxWeeks = 52;
    public const int MaxPainRows = 10, MaxRedFlagRows = 10, MaxStretchRows = 8, MaxRecommendationRows = 10, MaxNoteRows = 5;
    public const int MaxNoteLength = 140;

    /// <summary>Half a row's reports against the other half: a point or more apart is a change (the trend notes' own threshold).</summary>
    public const double TrendPoints = 1.0;

    private static readonly CultureInfo En = CultureInfo.InvariantCulture;

    /// <summary>The current ISO week and the <paramref name="weeks"/> − 1 before it, up to today.</summary>
    public static (DateOnly From, DateOnly To) Period(DateOnly today, int weeks)
        => (IsoWeeks.Monday(today).AddDays(-7 * (weeks - 1)), today);

    public static ClinicianSummary Assemble(
        string runnerId, string? displayName, TimeZoneInfo zone, string timeZone, DateOnly from, DateOnly to,
        IReadOnlyCollection<PainReportView> reports, IReadOnlyCollection<LoadDay> days, int runs,
        IReadOnlyCollection<StretchSessionView> sessions, IReadOnlyCollection<RecommendationView> recommendations)
    {
        var local = reports.Select(r => (Day: LocalCalendar.LocalDay(r.Report.ReportedAt, zone), r.Id, r.Report))
            .Where(r => r.Day >= from && r.Day <= to).OrderBy(r => r.Report.ReportedAt).ThenBy(r => r.Id).ToList();
        var entries = local.Select(r => PainEntry.From(r.Id, r.Report, zone)).ToList();
        var inPeriod = days.Where(d => d.Day >= from && d.Day <= to).ToList();
        var stretched = sessions.Where(s => InPeriod(s.Session.CompletedAt)).ToList();
        var redFlags = local.Where(r => r.Report.RedFlags.Any)
            .Select(r => new RedFlagRow(r.Day, r.Report.Location, r.Report.Side, r.Report.Score, Questions(r.Report.RedFlags))).ToList();
        var shownFlags = Latest(redFlags, MaxRedFlagRows);
        var advised = Latest(recommendations.Where(r => InPeriod(r.DetectedAt)).OrderBy(r => r.DetectedAt)
            .ThenBy(r => r.Id, StringComparer.Ordinal).ToList(),
            MaxRecommendationRows);

        return new ClinicianSummary(runnerId, string.IsNullOrWhiteSpace(displayName) ? runnerId : displayName, timeZone, from, to,
            entries.Count, runs, Math.Round(inPeriod.Sum(d => d.DistanceKm), 1), stretched.Count,
            PainRows(entries),
            shownFlags,
            // The rows left out still have their dates told: a clinician asks when it started.
            redFlags.Take(shownFlags.More).Select(r => r.Day).Distinct().ToList(),
            Weeks(from, to, days),
            StretchRows(stretched),
            new Capped<RecommendationRow>(advised.Shown.Select(r => ClinicianWords.Recommendation(r, zone)).ToList(), advised.More),
            ClinicianWords.Rules(advised.Shown.SelectMany(r => r.Reasons.Concat(r.Advisories))),
            Latest(local.Where(r => !string.IsNullOrWhiteSpace(r.Report.Notes))
                .Select(r => new NoteRow(r.Day, r.Report.Location, r.Report.Side, r.Report.Score, Shorten(r.Report.Notes!.Trim())))
                    .ToList(), MaxNoteRows));

        bool InPeriod(DateTimeOffset at) => LocalCalendar.LocalDay(at, zone) is var day && day >= from && day <= to;
    }

    /// <summary>
    /// One row per place, side and timing. A busy runner's rarest rows are left out first: the rows kept are those with
    /// the most reports (then the worst), listed by place, side and timing.
    /// </summary>
    public static Capped<PainRow> PainRows(IReadOnlyCollection<PainEntry> entries)
    {
        var rows = entries.GroupBy(e => (e.Location, e.Side, e.Timing)).Select(g =>
        {
            var ordered = g.OrderBy(e => e.ReportedAt).ThenBy(e => e.ReportId).ToList();
            var worst = ordered.MaxBy(e => e.Score)!;
            return new PainRow(g.Key.Location, g.Key.Side, g.Key.Timing, ordered.Count,
                new ScoreOn(ordered[0].Score, ordered[0].Day), new ScoreOn(worst.Score, worst.Day),
                    new ScoreOn(ordered[^1].Score, ordered[^1].Day),
                Direction(ordered.Select(e => e.Score).ToList()));
        }).ToList();
        var kept = rows.OrderByDescending(r => r.Reports).ThenByDescending(r => r.Worst.Score).Take(MaxPainRows)
            .OrderBy(r => r.Location).ThenBy(r => r.Side).ThenBy(r => r.Timing).ToList();
        return new Capped<PainRow>(kept, rows.Count - kept.Count);
    }

    /// <summary>
    /// The mean of the later half of the scores (in time order) against the mean of the earlier half; with an odd
    /// number, the middle score counts in neither. A point or more higher is rising, a point or more lower easing.
    /// </summary>
    public static PainDirection Direction(IReadOnlyList<int> scores)
    {
        if (scores.Count < 2)
            return PainDirection.OneReport;
        var half = scores.Count / 2;
        var change = scores.TakeLast(half).Average() - scores.Take(half).Average();
        return change >= TrendPoints ? PainDirection.Rising : change <= -TrendPoints ? PainDirection.Easing : PainDirection.Steady;
    }

    /// <summary>The red-flag questions of a report that were answered "yes", as the runner was asked them.</summary>
    public static IReadOnlyList<string> Questions(RedFlags flags)
    {
        var yes = new List<string>();
        if (flags.PainAtRest) yes.Add("Does it hurt when you are resting?");
        if (flags.PainAtNight) yes.Add("Does it hurt at night?");
        if (flags.CannotBearWeight) yes.Add("Are you unable to put your full weight on the leg, or limping?");
        if (flags.PainWhenHopping) yes.Add("Does hopping on the leg hurt?");
        return yes;
    }

    /// <summary>Every ISO week of the period, with or without runs; the ratio as it stood at the week's end, or today.</summary>
    public static IReadOnlyList<WeekRow> Weeks(DateOnly from, DateOnly to, IReadOnlyCollection<LoadDay> days)
    {
        var figures = TrainingLoadCalculator.Weeks(days.OrderBy(d => d.Day)).ToDictionary(w => w.Start);
        var rows = new List<WeekRow>();
        for (var monday = IsoWeeks.Monday(from); monday <= to; monday = monday.AddDays(7))
        {
            var end = monday.AddDays(6) < to ? monday.AddDays(6) : to;
            var ratio = days.Where(d => d.Day >= monday && d.Day <= end).MaxBy(d => d.Day)?.Ratio;
            var week = figures.GetValueOrDefault(monday);
            rows.Add(new WeekRow(IsoWeeks.Label(monday), monday, week?.DistanceKm ?? 0, week?.DistanceChangePercent, ratio,
                end < monday.AddDays(6)));
        }

        return rows;
    }

    /// <summary>Per exercise: how often, and how the pain rated before and after those sessions moved.</summary>
    public static Capped<StretchRow> StretchRows(IReadOnlyCollection<StretchSessionView> sessions)
    {
        var rows = sessions
            .SelectMany(s => s.Session.Exercises.Select(e => e.ExerciseId).Distinct().Select(id => (Id: id, s.Session)))
            .GroupBy(x => x.Id)
            .Select(g =>
            {
                var rated = g.Where(x => x.Session is { PainBefore: not null, PainAfter: not null })
                    .Select(x => (Before: x.Session.PainBefore!.Value, After: x.Session.PainAfter!.Value)).ToList();
                return new StretchRow(g.Key, StretchCatalogue.Find(g.Key)?.Name ?? g.Key, g.Count(), rated.Count,
                    rated.Count == 0 ? null : Math.Round(rated.Average(r => r.Before), 1), rated.Count == 0 ? null
                        : Math.Round(rated.Average(r => r.After), 1),
                    rated.Count(r => r.After < r.Before), rated.Count(r => r.After == r.Before), rated.Count(r => r.After > r.Before));
            })
            .OrderByDescending(r => r.Sessions).ThenBy(r => r.ExerciseId, StringComparer.Ordinal).ToList();
        return new Capped<StretchRow>(rows.Take(MaxStretchRows).ToList(), Math.Max(0, rows.Count - MaxStretchRows));
    }

    /// <summary>The most recent rows of a list in time order, the older ones counted.</summary>
    public static Capped<T> Latest<T>(IReadOnlyList<T> chronological, int max) =>
        new(chronological.Skip(Math.Max(0, chronological.Count - max)).ToList(), Math.Max(0, chronological.Count - max));

    private static string Shorten(string text) =>
        text.Length <= MaxNoteLength ? text : text[..(MaxNoteLength - 1)].TrimEnd() + "…";
}
