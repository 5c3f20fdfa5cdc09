using HipLog.Domain.Time;

namespace HipLog.Domain.Trends;

/// <summary>
/// Training-load arithmetic: daily session-RPE load, acute (7-day) and chronic (28-day) exponentially weighted
/// moving averages with λ = 2/(N+1) (Williams et al. 2017), their ratio (Gabbett 2016), and weekly distance.
/// Rest days count as zero load, so the averages decay over them.
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

        var byDay = runs.GroupBy(r => r.Day).ToDictionary(g => g.Key, g => (Distance: g.Sum(r => r.DistanceKm), Seconds: g.Sum(r => r.DurationSeconds), Load: g.Sum(r => r.Load)));
        var first = byDay.Keys.Min();
        var last = until is { } u && u > byDay.Keys.Max() ? u : byDay.Keys.Max();

        var days = new List<LoadDay>();
        var (acute, chronic) = (0.0, 0.0);
        for (var (day, index) = (first, 0); day <= last; day = day.AddDays(1), index++)
        {
            var today = byDay.GetValueOrDefault(day);
            acute = AcuteLambda * today.Load + (1 - AcuteLambda) * acute;
            chronic = ChronicLambda * today.Load + (1 - ChronicLambda) * chronic;
            // Before 28 days of history the chronic average is still mostly its zero start: no ratio yet.
            double? ratio = index >= ChronicDays - 1 && chronic > 0 ? Round(acute / chronic) : null;
            days.Add(new LoadDay(day, Round(today.Distance), today.Seconds, Math.Round(today.Load, 1), Round(acute), Round(chronic), ratio));
        }

        var weeks = new List<LoadWeek>();
        foreach (var week in days.GroupBy(d => IsoWeeks.Monday(d.Day)))
        {
            var distance = Round(week.Sum(d => d.DistanceKm));
            var previous = weeks.Count > 0 ? weeks[^1].DistanceKm : (double?)null;
            double? change = previous is > 0 ? Round((distance - previous.Value) / previous.Value * 100) : null;
            weeks.Add(new LoadWeek(IsoWeeks.Label(week.Key), week.Key, distance, week.Sum(d => d.MovingSeconds), Math.Round(week.Sum(d => d.Load), 1), change));
        }

        return new TrainingLoadFigures(days, weeks);
    }

    private static double Round(double value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
