using HipLog.Domain.Time;

namespace HipLog.Domain.Trends;

/// <summary>The two exponentially weighted averages of the daily load, as they stand at the end of a day.</summary>
public readonly record struct LoadState(double Acute, double Chronic)
{
    public static readonly LoadState Zero = new(0, 0);

    /// <summary>One day later: today's load weighs λ, yesterday's state 1 − λ. A rest day is a load of zero.</summary>
    public LoadState Next(double load) => new(
        TrainingLoadCalculator.AcuteLambda * load + (1 - TrainingLoadCalculator.AcuteLambda) * Acute,
        TrainingLoadCalculator.ChronicLambda * load + (1 - TrainingLoadCalculator.ChronicLambda) * Chronic);
}

/// <summary>What one local day adds up to: distance, moving time and session-RPE load of its runs.</summary>
public readonly record struct DayTotal(double Distance, int Seconds, double Load);

/// <summary>
/// Training-load arithmetic: daily session-RPE load, acute (7-day) and chronic (28-day) exponentially weighted
/// moving averages with λ = 2/(N+1) (Williams et al. 2017), their ratio (Gabbett 2016), and weekly distance.
/// Rest days count as zero load, so the averages decay over them. The state at the end of a day depends only on
/// the state the day before and the day's load, so a window of days can start from a stored state instead of
/// from the runner's first run: the figures are the same to the last bit.
/// </summary>
public static class TrainingLoadCalculator
{
    public const int AcuteDays = 7;
    public const int ChronicDays = 28;
    public static readonly double AcuteLambda = 2.0 / (AcuteDays + 1);
    public static readonly double ChronicLambda = 2.0 / (ChronicDays + 1);

    public static TrainingLoadFigures Compute(IReadOnlyCollection<RunEntry> runs) => Compute(runs, until: null);

    /// <summary>The figures from the first run's day to <paramref name="until"/> (or the last run's day).</summary>
    public static TrainingLoadFigures Compute(IReadOnlyCollection<RunEntry> runs, DateOnly? until)
    {
        if (runs.Count == 0)
            return new TrainingLoadFigures([], []);

        var totals = Totals(runs);
        var first = totals.Keys.Min();
        var last = until is { } u && u > totals.Keys.Max() ? u : totals.Keys.Max();
        var days = Days(first, first, last, LoadState.Zero, totals);
        return new TrainingLoadFigures(days, Weeks(days));
    }

    /// <summary>
    /// The days from <paramref name="from"/> to <paramref name="to"/>, starting from <paramref name="state"/>, the state at
    /// the end of the day before <paramref name="from"/>. <paramref name="firstDay"/> is the runner's first day with a run:
    /// the ratio waits for 28 days of history counted from it.
    /// </summary>
    public static List<LoadDay> Days(DateOnly firstDay, DateOnly from, DateOnly to, LoadState state, IReadOnlyDictionary<DateOnly,
        DayTotal> totals)
    {
        var days = new List<LoadDay>(Math.Max(0, to.DayNumber - from.DayNumber + 1));
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var today = totals.GetValueOrDefault(day);
            state = state.Next(today.Load);
            // Before 28 days of history the chronic average is still mostly its zero start: no ratio yet.
            double? ratio = day.DayNumber - firstDay.DayNumber >= ChronicDays - 1 && state.Chronic > 0 ? Round(state.Acute / state.Chronic)
                : null;
            days.Add(new LoadDay(day, Round(today.Distance), today.Seconds, Math.Round(today.Load, 1), Round(state.Acute),
                Round(state.Chronic), ratio));
        }

        return days;
    }

    /// <summary>The state at the end of <paramref name="to"/>, from <paramref name="state"/> at the end of the day before <paramref
    /// name="from"/>.</summary>
    public static LoadState Advance(LoadState state, DateOnly from, DateOnly to, IReadOnlyDictionary<DateOnly, DayTotal> totals)
    {
        for (var day = from; day <= to; day = day.AddDays(1))
            state = state.Next(totals.GetValueOrDefault(day).Load);
        return state;
    }

    /// <summary>ISO weeks of consecutive days; the first week's change is only known when the week before is in the list too.</summary>
    public static List<LoadWeek> Weeks(IEnumerable<LoadDay> days)
    {
        var weeks = new List<LoadWeek>();
        foreach (var week in days.GroupBy(d => IsoWeeks.Monday(d.Day)))
        {
            var distance = Round(week.Sum(d => d.DistanceKm));
            var previous = weeks.Count > 0 ? weeks[^1].DistanceKm : (double?)null;
            double? change = previous is > 0 ? Round((distance - previous.Value) / previous.Value * 100) : null;
            weeks.Add(new LoadWeek(IsoWeeks.Label(week.Key), week.Key, distance, week.Sum(d => d.MovingSeconds),
                Math.Round(week.Sum(d => d.Load), 1), change));
        }

        return weeks;
    }

    /// <summary>Each day's totals, added in the order the runs started so that the sums do not depend on how they were stored.</summary>
    public static Dictionary<DateOnly, DayTotal> Totals(IEnumerable<RunEntry> runs) =>
        runs.OrderBy(r => r.StartedAt).ThenBy(r => r.RunId).GroupBy(r => r.Day)
            .ToDictionary(g => g.Key, g => new DayTotal(g.Sum(r => r.DistanceKm), g.Sum(r => r.DurationSeconds), g.Sum(r => r.Load)));

    private static double Round(double value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
