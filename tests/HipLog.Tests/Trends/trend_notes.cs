using HipLog.Domain.Pain;
using HipLog.Domain.Trends;

namespace HipLog.Tests.Trends;

/// <summary>Every sentence the notes say, with a history that produces it. Weeks are the 7-day blocks ending on <see
/// cref="Today"/>.</summary>
public sealed class trend_notes
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    private static PainEntry Pain(int daysAgo, int score, PainLocation location = PainLocation.FrontHip, BodySide side = BodySide.Left) =>
        new(Guid.NewGuid(), DateTimeOffset.UnixEpoch, Today.AddDays(-daysAgo), location, side, PainTiming.AfterRun, score);

    /// <summary>One report per week, oldest first, the last in the week ending today; null for a week without one.</summary>
    private static PainEntry[] Weekly(params int?[] oldestFirst) => Weekly(PainLocation.FrontHip, BodySide.Left, oldestFirst);

    private static PainEntry[] Weekly(PainLocation location, BodySide side, params int?[] oldestFirst) =>
        oldestFirst.Select((score, i) => (score, weeksAgo: oldestFirst.Length - 1 - i))
            .Where(w => w.score is not null)
            .Select(w => Pain(w.weeksAgo * 7 + 2, w.score!.Value, location, side)).ToArray();

    private static LoadDay Run(int daysAgo, double km) => new(Today.AddDays(-daysAgo), km, 3600, 300, 0, 0, null);

    private static IReadOnlyList<string> Notes(IReadOnlyCollection<PainEntry> reports, IReadOnlyCollection<LoadDay>? days = null,
        double? ratio = null) =>
        TrendNotes.Describe(reports, days ?? [], Today, ratio);

    [Fact]
    public void front_hip_pain_that_rose_from_2_to_6_over_five_weeks_then_held_is_rising_not_steady()
    {
        var notes = Notes(Weekly(2, 3, 4, 6, 6));

        notes.ShouldBe(["Pain at the front of the left hip is rising: 6.0 on average this week against 3.8 over the 4 weeks before, " +
                        "and its weekly mean rose three weeks running (2.0 → 3.0 → 4.0 → 6.0) before holding at 6.0 this week."]);
        notes.ShouldNotContain(n => n.Contains("steady"));
    }

    [Fact]
    public void a_week_two_points_above_the_four_before_is_rising_by_the_watchs_own_rule()
    {
        Notes(Weekly(2, 2, 2, 2, 4))
            .ShouldBe(["Pain at the front of the left hip is rising: 4.0 on average this week against 2.0 over the 4 weeks before."]);
        // Just under the watch's threshold it is a rise worth naming, not "rising".
        Notes([.. Weekly(2, 2, 2, 2, null), Pain(1, 3), Pain(2, 4)])
            .ShouldBe(["Pain at the front of the left hip is up 1.5 points: 3.5 on average this week against 2.0 over the 4 weeks " +
                "before."]);
    }

    [Fact]
    public void three_small_rises_in_a_row_are_rising_even_when_no_week_jumped()
    {
        PainEntry[] reports = [Pain(22, 2), Pain(23, 2), Pain(15, 2), Pain(16, 3), Pain(8, 3), Pain(9, 3), Pain(1, 3), Pain(2, 4)];

        Notes(reports).ShouldBe(["Pain at the front of the left hip is rising: its weekly mean rose three weeks running (2.0 → 2.5 → " +
            "3.0 " +
            "→ 3.5)."]);
    }

    [Fact]
    public void a_rise_that_ended_last_week_is_still_rising_whatever_this_week_did()
    {
        Notes(Weekly(2, 3, 4, 5, 4)).ShouldBe(
            ["Pain at the front of the left hip is rising: its weekly mean rose three weeks running (2.0 → 3.0 → 4.0 → 5.0) "
             + "before easing to 4.0 this week."]);
        Notes(Weekly(2, 3, 4, 5, null)).ShouldBe(
            ["Pain at the front of the left hip is rising: its weekly mean rose three weeks running (2.0 → 3.0 → 4.0 → 5.0), "
             + "and nothing was reported there this week."]);
    }

    [Fact]
    public void a_change_since_last_week_is_named_with_both_weeks()
    {
        PainEntry[] reports = [.. Weekly(4, 4, 4, 2, null), Pain(1, 3), Pain(2, 4)];

        Notes(reports).ShouldBe(["Pain at the front of the left hip rose 1.5 points this week: 3.5 on average against 2.0 the week " +
            "before."]);
    }

    [Fact]
    public void pain_that_eased_against_the_four_weeks_before_is_said_to_have_eased()
    {
        Notes(Weekly(5, 5, 5, 5, 3))
            .ShouldBe(["Pain at the front of the left hip eased: 3.0 on average this week against 5.0 over the 4 weeks before."]);
    }

    [Fact]
    public void a_place_that_went_up_then_back_is_not_steady()
    {
        Notes(Weekly(null, 3, 5, 3, 3))
            .ShouldBe(["Pain at the front of the left hip went up and down over the last 4 weeks (weekly means, oldest first: 3.0, 5.0, " +
                "3.0, 3.0)."]);
    }

    [Fact]
    public void a_new_place_of_pain_is_named_even_when_the_others_held()
    {
        var notes = Notes([.. Weekly(3, 3, 3, 3, 3), Pain(1, 4, PainLocation.Groin, BodySide.Right)]);

        notes.ShouldBe(["Pain at the right groin is new: 4.0 on average this week, with nothing reported there in the 4 weeks before."]);
    }

    [Fact]
    public void steady_only_when_no_place_moved_by_a_point_over_four_weeks()
    {
        Notes([.. Weekly(3, 3, 3, 3, 3), Pain(16, 4), .. Weekly(PainLocation.OuterHip, BodySide.Both, 2, 2, 2, 2, 2)])
            .ShouldBe(["Your pain held steady: no place changed by a point or more over the last 4 weeks."]);
        Notes([Pain(20, 4)]).ShouldBe(["No pain reports this week. Log one after your next run to keep your trend up to date."]);
    }

    /// <summary>Front-hip pain easing on the left, buttock pain rising on the right.</summary>
    private static IReadOnlyList<string> EasingAndRising() =>
        Notes([.. Weekly(5, 5, 5, 5, 3), .. Weekly(PainLocation.Buttock, BodySide.Right, 2, 2, 2, 2, 5)]);

    [Fact]
    public void rising_places_come_first()
    {
        EasingAndRising().Select(n => n.Contains(" is rising: ")).ShouldBe([true, false]);
    }

    [Fact]
    public void each_note_names_its_place_with_its_side()
    {
        EasingAndRising().ShouldBe(
        [
            "Pain at the right buttock is rising: 5.0 on average this week against 2.0 over the 4 weeks before.",
            "Pain at the front of the left hip eased: 3.0 on average this week against 5.0 over the 4 weeks before.",
        ]);
    }

    [Fact]
    public void a_weekly_distance_rise_of_30_percent_or_more_cites_the_injury_risk()
    {
        Notes(Weekly(3, 3, 3, 3, 3), [Run(10, 20), Run(3, 26)]).ShouldBe(
        [
            "Your pain held steady: no place changed by a point or more over the last 4 weeks.",
            "Your weekly distance rose 30%: 26.0 km in the last 7 days against 20.0 km in the 7 before. Runners who added more than 30% " +
                "over two weeks " +
            "had more distance-related injuries (Nielsen et al. 2014); consider holding your distance steady for a while.",
        ]);
        Notes(Weekly(3, 3, 3, 3, 3), [Run(10, 20), Run(3, 25.8)])
            .ShouldBe(["Your pain held steady: no place changed by a point or more over the last 4 weeks."]);
        Notes(Weekly(3, 3, 3, 3, 3), [Run(10, 20), Run(3, 12)]).ShouldBe(
        [
            "Your pain held steady: no place changed by a point or more over the last 4 weeks.",
            "Your weekly distance fell 40%: 12.0 km in the last 7 days against 20.0 km in the 7 before.",
        ]);
    }

    [Fact]
    public void a_high_load_ratio_advises_easing_the_mileage()
    {
        var notes = Notes(Weekly(3, 3), [Run(1, 30)], ratio: 1.62);

        notes.ShouldBe(
        [
            "Your pain held steady: no place changed by a point or more over the last 4 weeks.",
            "Your training load is 1.62 times what you are used to (acute:chronic ratio); above 1.5 the risk of injury climbs, so " +
                "consider easing the mileage.",
        ]);
        Notes(Weekly(3, 3), [Run(1, 30)], ratio: 1.49)
            .ShouldBe(["Your pain held steady: no place changed by a point or more over the last 4 weeks."]);
    }

    [Fact]
    public void reports_after_the_day_the_notes_are_for_are_not_read()
    {
        Notes([.. Weekly(3, 3, 3, 3, 3), Pain(-1, 9)])
            .ShouldBe(["Your pain held steady: no place changed by a point or more over the last 4 weeks."]);
    }

    [Theory]
    [InlineData(PainLocation.FrontHip, BodySide.Right, "the front of the right hip")]
    [InlineData(PainLocation.Groin, BodySide.Both, "both sides of the groin")]
    [InlineData(PainLocation.LowerBack, BodySide.Left, "the left side of the lower back")]
    public void places_read_as_words(PainLocation location, BodySide side, string words) => TrendNotes.Where(location, side)
        .ShouldBe(words);
}
