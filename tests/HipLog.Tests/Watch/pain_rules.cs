using HipLog.Domain.Pain;
using HipLog.Domain.Watch;

namespace HipLog.Tests.Watch;

public sealed class pain_rules
{
    private static readonly DateOnly Today = new(2026, 11, 26);
    private static readonly LoadContext NoLoad = new(null, null);

    private static ReportFacts R(int daysAgo, int score, PainTiming timing = PainTiming.AfterRun,
        PainLocation location = PainLocation.FrontHip,
        RedFlags? flags = null, int hour = 9) =>
        new(Guid.NewGuid(), new DateTimeOffset(Today.AddDays(-daysAgo).ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero),
            Today.AddDays(-daysAgo),
            location, BodySide.Left, timing, score, flags ?? RedFlags.None);

    private static Assessment? Assess(ReportFacts report, params ReportFacts[] history) =>
        PainRules.Assess(report, history, NoLoad, EpisodeContext.None, PainWatchOptions.Default);

    [Fact]
    public void a_single_five_out_of_ten_raises_nothing() => Assess(R(0, 5)).ShouldBeNull();

    [Fact]
    public void six_out_of_ten_is_a_flare() => Assess(R(0, 6))!.Reasons.ShouldBe([PainRules.Flare]);

    [Fact]
    public void a_morning_worse_than_last_nights_after_run_score_is_not_settling()
    {
        Assess(R(0, 4, PainTiming.NextMorning, hour: 7), R(1, 3), R(1, 2, hour: 20))!.Reasons.ShouldBe([PainRules.NotSettling]);
        Assess(R(0, 3, PainTiming.NextMorning, hour: 7), R(1, 3)).ShouldBeNull();
        Assess(R(0, 4, PainTiming.NextMorning, hour: 7), R(1, 2, location: PainLocation.OuterHip)).ShouldBeNull();
        Assess(R(0, 4, PainTiming.NextMorning, hour: 7), R(2, 2)).ShouldBeNull();
    }

    [Fact]
    public void a_week_two_points_above_the_four_before_with_three_reports_is_a_rising_week()
    {
        ReportFacts[] baseline = [R(8, 2), R(15, 2), R(22, 2), R(29, 2)];

        Assess(R(0, 4), [.. baseline, R(2, 4), R(4, 4)])!.Reasons.ShouldBe([PainRules.RisingWeek]);
        Assess(R(0, 4), [.. baseline, R(4, 4)]).ShouldBeNull();                  // only two reports in the week
        Assess(R(0, 3), [.. baseline, R(2, 4), R(4, 4)]).ShouldBeNull();         // 3.67 is a rise of 1.67, under 2
        Assess(R(0, 4), R(2, 4), R(4, 4)).ShouldBeNull();                         // nothing to compare with
        Assess(R(0, 4), [.. baseline.Select(b => b with { Location = PainLocation.Knee }), R(2, 4), R(4, 4)]).ShouldBeNull();
    }

    [Fact]
    public void three_reports_each_higher_than_the_last_are_a_streak()
    {
        Assess(R(0, 5), R(1, 4), R(2, 3))!.Reasons.ShouldBe([PainRules.Streak]);
        Assess(R(0, 5), R(1, 4), R(2, 4)).ShouldBeNull();
        Assess(R(0, 3), R(1, 4), R(2, 5)).ShouldBeNull();                         // falling pain
        Assess(R(0, 5), R(1, 4, location: PainLocation.Groin), R(2, 3)).ShouldBeNull();
    }

    [Fact]
    public void reports_more_than_five_weeks_back_are_not_read()
    {
        Assess(R(0, 5), R(33, 4), R(34, 3))!.Reasons.ShouldBe([PainRules.Streak]);
        Assess(R(0, 5), R(34, 4), R(35, 3)).ShouldBeNull();
    }

    [Fact]
    public void later_reports_do_not_count_for_an_earlier_one()
    {
        var early = R(3, 5);
        Assess(early, R(4, 4), R(5, 3), R(0, 9)) !.Reasons.ShouldBe([PainRules.Streak]);
    }

    [Theory]
    [InlineData(true, false, false, false, "red-flag:pain-at-rest")]
    [InlineData(false, true, false, false, "red-flag:pain-at-night")]
    [InlineData(false, false, true, false, "red-flag:cannot-bear-weight")]
    [InlineData(false, false, false, true, "red-flag:pain-when-hopping")]
    public void each_red_flag_answer_asks_for_a_clinician_even_with_little_pain(bool rest, bool night, bool weight, bool hopping,
        string flag)
    {
        var assessment = Assess(R(0, 2, flags: new RedFlags(rest, night, weight, hopping)))!;

        assessment.RedFlags.ShouldBe([flag]);
        assessment.Reasons.ShouldBeEmpty();
        assessment.NeedsClinician.ShouldBeTrue();
    }

    [Fact]
    public void eight_out_of_ten_is_severe()
    {
        var assessment = Assess(R(0, 8))!;
        assessment.Reasons.ShouldBe([PainRules.Flare]);
        assessment.RedFlags.ShouldBe(["red-flag:severe-pain"]);
    }

    [Fact]
    public void rising_groin_pain_with_running_is_a_red_flag_but_front_hip_pain_is_not()
    {
        Assess(R(0, 5, location: PainLocation.Groin), R(1, 4, location: PainLocation.Groin), R(2, 3, location: PainLocation.Groin))!
            .RedFlags.ShouldBe(["red-flag:groin-pain-with-running"]);
        Assess(R(0, 5, PainTiming.AtRest, location: PainLocation.Groin), R(1, 4, PainTiming.AtRest, location: PainLocation.Groin),
            R(2, 3, PainTiming.AtRest, location: PainLocation.Groin))!
            .RedFlags.ShouldBeEmpty();
        Assess(R(0, 5), R(1, 4), R(2, 3))!.RedFlags.ShouldBeEmpty();
    }

    [Fact]
    public void still_rising_two_weeks_after_the_first_routine_despite_sessions_is_a_red_flag()
    {
        var report = R(0, 6);
        var fifteenDaysAgo = report.ReportedAt.AddDays(-15);

        PainRules.Assess(report, [], NoLoad, new EpisodeContext(fifteenDaysAgo, 3),
            PainWatchOptions.Default)!.RedFlags.ShouldBe(["red-flag:not-improving"]);
        PainRules.Assess(report, [], NoLoad, new EpisodeContext(fifteenDaysAgo, 0), PainWatchOptions.Default)!.RedFlags.ShouldBeEmpty();
        PainRules.Assess(report, [], NoLoad, new EpisodeContext(report.ReportedAt.AddDays(-10), 3),
            PainWatchOptions.Default)!.RedFlags.ShouldBeEmpty();
    }

    [Fact]
    public void a_high_load_ratio_adds_the_ease_mileage_advisory_to_a_rise_only()
    {
        PainRules.Assess(R(0, 6), [], new LoadContext(35, 1.6), EpisodeContext.None,
            PainWatchOptions.Default)!.Advisories.ShouldBe([PainRules.EaseMileage]);
        PainRules.Assess(R(0, 6), [], new LoadContext(10, 1.2), EpisodeContext.None, PainWatchOptions.Default)!.Advisories.ShouldBeEmpty();
        PainRules.Assess(R(0, 3), [], new LoadContext(35, 1.6), EpisodeContext.None, PainWatchOptions.Default).ShouldBeNull();
    }

    [Fact]
    public void thresholds_come_from_the_options()
    {
        PainRules.Assess(R(0, 5), [], NoLoad, EpisodeContext.None,
            PainWatchOptions.Default with { FlareScore = 5 })!.Reasons.ShouldBe([PainRules.Flare]);
    }
}
