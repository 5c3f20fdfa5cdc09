using HipLog.Domain.Pain;
using HipLog.Domain.Trends;

namespace HipLog.Tests.Domain;

public sealed class trend_notes
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    private static PainEntry Pain(int daysAgo, int score, PainLocation location = PainLocation.FrontHip, BodySide side = BodySide.Left) =>
        new(Guid.NewGuid(), DateTimeOffset.UnixEpoch, Today.AddDays(-daysAgo), location, side, PainTiming.AfterRun, score);

    private static LoadDay Run(int daysAgo, double km) => new(Today.AddDays(-daysAgo), km, 3600, 300, 0, 0, null);

    [Fact]
    public void names_the_place_the_change_and_the_distance_beside_it()
    {
        var notes = TrendNotes.Describe(
            [Pain(10, 2), Pain(8, 3), Pain(3, 5), Pain(1, 5), Pain(2, 3, PainLocation.OuterHip, BodySide.Right), Pain(9, 3, PainLocation.OuterHip, BodySide.Right)],
            [Run(12, 20), Run(9, 20), Run(4, 27)], Today, ratio: 1.1);

        notes.ShouldBe(["Pain at the front of the left hip rose 2.5 points this week while weekly distance fell 33%."]);
    }

    [Fact]
    public void a_high_load_ratio_advises_easing_the_mileage()
    {
        var notes = TrendNotes.Describe([Pain(1, 3), Pain(8, 3)], [Run(1, 30)], Today, ratio: 1.62);

        notes.ShouldBe(["Your training load is 1.62 times what you are used to (acute:chronic ratio); above 1.5 the risk of injury climbs, so consider easing the mileage."]);
    }

    [Fact]
    public void small_changes_and_empty_weeks_get_a_friendly_sentence()
    {
        TrendNotes.Describe([Pain(1, 4), Pain(8, 4)], [], Today, null)
            .ShouldBe(["Your pain held steady this week: no place changed by a point or more."]);
        TrendNotes.Describe([Pain(20, 4)], [], Today, null)
            .ShouldBe(["No pain reports this week. Log one after your next run to keep your trend up to date."]);
    }

    [Theory]
    [InlineData(PainLocation.FrontHip, BodySide.Right, "the front of the right hip")]
    [InlineData(PainLocation.Groin, BodySide.Both, "both sides of the groin")]
    [InlineData(PainLocation.LowerBack, BodySide.Left, "the left side of the lower back")]
    public void places_read_as_words(PainLocation location, BodySide side, string words) => TrendNotes.Where(location, side).ShouldBe(words);
}
