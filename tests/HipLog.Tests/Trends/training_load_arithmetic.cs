using HipLog.Domain.Trends;

namespace HipLog.Tests.Trends;

public sealed class training_load_arithmetic
{
    private static readonly DateOnly Monday = new(2026, 10, 5);

    /// <summary>
    /// Four weeks of 60 min at effort 5 every day (load 300), then two weeks of 60 min at effort 8 (load 480)
    /// Monday to Saturday with Sunday off. For the first 28 days the averages have a closed form:
    /// acute = 300·(1 − 0.75ⁿ), chronic = 300·(1 − (27/29)ⁿ); the later figures follow the recursion by hand.
    /// </summary>
    private static List<RunEntry> SixWeeks() =>
        Enumerable.Range(0, 42)
            .Where(i => i < 28 || i % 7 != 6)
            .Select(i => new RunEntry(Guid.NewGuid(), new DateTimeOffset(Monday.AddDays(i).ToDateTime(new TimeOnly(7, 0)), TimeSpan.Zero),
                Monday.AddDays(i), i < 28 ? 10 : 12, 3600, i < 28 ? 300 : 480))
            .ToList();

    [Fact]
    public void ewma_follows_lambda_two_over_n_plus_one()
    {
        TrainingLoadCalculator.AcuteLambda.ShouldBe(0.25);
        TrainingLoadCalculator.ChronicLambda.ShouldBe(2.0 / 29, 1e-12);

        var days = TrainingLoadCalculator.Compute(SixWeeks(), until: Monday.AddDays(41)).Days;

        days.Count.ShouldBe(42);
        (days[0].Acute, days[0].Chronic).ShouldBe((75.0, 20.69));
        (days[6].Acute, days[6].Chronic).ShouldBe((259.95, 118.08));
        (days[27].Acute, days[27].Chronic).ShouldBe((299.9, 259.43));
        (days[28].Acute, days[28].Chronic).ShouldBe((344.93, 274.65));
        (days[34].Acute, days[34].Chronic).ShouldBe((335.96, 313.14));
        (days[41].Acute, days[41].Chronic).ShouldBe((340.77, 345.72));
        days[41].Load.ShouldBe(0);
    }

    [Fact]
    public void the_ratio_waits_for_28_days_of_history()
    {
        var days = TrainingLoadCalculator.Compute(SixWeeks(), until: Monday.AddDays(41)).Days;

        days.Take(27).ShouldAllBe(d => d.Ratio == null);
        days[27].Ratio.ShouldBe(1.16);
        days[28].Ratio.ShouldBe(1.26);
        days[41].Ratio.ShouldBe(0.99);
    }

    [Fact]
    public void weeks_sum_their_distance()
    {
        var weeks = TrainingLoadCalculator.Compute(SixWeeks()).Weeks;

        weeks.Select(w => w.Week).ShouldBe(["2026-W41", "2026-W42", "2026-W43", "2026-W44", "2026-W45", "2026-W46"]);
        weeks.Select(w => w.DistanceKm).ShouldBe([70, 70, 70, 70, 72, 72]);
    }

    [Fact]
    public void a_weeks_distance_is_compared_with_the_week_before()
    {
        TrainingLoadCalculator.Compute(SixWeeks()).Weeks.Select(w => w.DistanceChangePercent).ShouldBe([null, 0, 0, 0, 2.86, 0]);
    }

    [Fact]
    public void weeks_sum_their_load_with_their_moving_time()
    {
        var week = TrainingLoadCalculator.Compute(SixWeeks()).Weeks[4];

        (week.Load, week.MovingSeconds).ShouldBe((2880.0, 6 * 3600));
    }

    [Fact]
    public void rest_days_after_the_last_run_decay_the_averages()
    {
        var runs = SixWeeks();
        var last = TrainingLoadCalculator.Compute(runs).Days[^1];

        var later = TrainingLoadCalculator.Compute(runs, until: Monday.AddDays(41)).Days[^1];

        last.Day.ShouldBe(Monday.AddDays(40));
        later.Day.ShouldBe(Monday.AddDays(41));
        later.Acute.ShouldBe(last.Acute * 0.75, 0.01);
        later.Chronic.ShouldBe(last.Chronic * 27 / 29, 0.01);
    }

    [Fact]
    public void two_runs_on_one_day_add_up()
    {
        var day = new DateOnly(2026, 11, 2);
        var runs = new List<RunEntry>
        {
            new(Guid.NewGuid(), DateTimeOffset.UnixEpoch, day, 5, 1800, 150),
            new(Guid.NewGuid(), DateTimeOffset.UnixEpoch, day, 3.5, 1200, 80),
        };

        var only = TrainingLoadCalculator.Compute(runs).Days.Single();

        (only.DistanceKm, only.MovingSeconds, only.Load).ShouldBe((8.5, 3000, 230.0));
    }

    [Fact]
    public void no_runs_means_no_figures()
    {
        TrainingLoadCalculator.Compute([]).Days.ShouldBeEmpty();
    }
}
