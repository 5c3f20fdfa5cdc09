using HipLog.Domain.Clinician;
using HipLog.Domain.Pain;
using HipLog.Domain.Trends;

namespace HipLog.Tests.Clinician;

/// <summary>The summary's pain table: a row per place, side and timing, its scores and its trend.</summary>
public sealed class tabling_pain_for_the_clinician
{
    private static PainEntry Entry(int day, int score, PainLocation location = PainLocation.FrontHip, BodySide side = BodySide.Left,
        PainTiming timing = PainTiming.AfterRun) =>
        new(Guid.NewGuid(), new DateTimeOffset(2026, 11, day, 9, 0, 0, TimeSpan.Zero), new DateOnly(2026, 11, day), location, side, timing,
            score);

    [Theory]
    [InlineData(new[] { 2, 3, 4, 5, 6 }, PainDirection.Rising)]
    [InlineData(new[] { 6, 6, 5, 4 }, PainDirection.Easing)]
    [InlineData(new[] { 3, 4, 3, 4 }, PainDirection.Steady)]
    [InlineData(new[] { 2, 9, 3 }, PainDirection.Rising)]
    [InlineData(new[] { 5 }, PainDirection.OneReport)]
    public void the_trend_is_the_later_half_against_the_earlier_half_by_a_point(int[] scores, PainDirection expected) =>
        ClinicianSummaries.Direction(scores).ShouldBe(expected);

    /// <summary>Three front-hip reports on the left after running, one on the right, one the next morning.</summary>
    private static Capped<PainRow> FrontHipRows() => ClinicianSummaries.PainRows([Entry(2, 2), Entry(5, 7), Entry(9, 4),
        Entry(3, 3, side: BodySide.Right), Entry(4, 5, timing: PainTiming.NextMorning)]);

    [Fact]
    public void pain_is_tabled_a_row_per_place_side_then_timing()
    {
        var rows = FrontHipRows();

        rows.More.ShouldBe(0);
        rows.Shown.Select(r => (r.Side, r.Timing))
            .ShouldBe([(BodySide.Left, PainTiming.AfterRun), (BodySide.Left, PainTiming.NextMorning),
            (BodySide.Right, PainTiming.AfterRun)]);
    }

    [Fact]
    public void a_pain_row_gives_its_first_worst_latest_score_each_with_its_day()
    {
        var main = FrontHipRows().Shown[0];

        (main.Reports, main.First, main.Worst, main.Latest).ShouldBe((3, new ScoreOn(2, new DateOnly(2026, 11, 2)),
            new ScoreOn(7, new DateOnly(2026, 11, 5)), new ScoreOn(4, new DateOnly(2026, 11, 9))));
    }

    [Fact]
    public void a_pain_row_gives_its_trend()
    {
        FrontHipRows().Shown.Select(r => r.Trend).Take(2).ShouldBe([PainDirection.Rising, PainDirection.OneReport]);
    }

    [Fact]
    public void a_busy_runners_rarest_rows_are_counted_not_shown()
    {
        var entries = Enum.GetValues<PainLocation>().SelectMany(l => Enum.GetValues<PainTiming>().Select(t => (l, t)))
            .SelectMany((x, i) => Enumerable.Range(1, i % 5 + 1).Select(d => Entry(d, 3, x.l, timing: x.t))).ToList();

        var rows = ClinicianSummaries.PainRows(entries);

        rows.Shown.Count.ShouldBe(ClinicianSummaries.MaxPainRows);
        rows.More.ShouldBe(8 * 6 - ClinicianSummaries.MaxPainRows);
        // Nine combinations have five reports, the rest at most four: all nine are kept, and one of the fours.
        rows.Shown.Count(r => r.Reports == 5).ShouldBe(9);
        rows.Shown.Count(r => r.Reports == 4).ShouldBe(1);
        rows.Shown.ShouldBe(rows.Shown.OrderBy(r => r.Location).ThenBy(r => r.Side).ThenBy(r => r.Timing));
    }
}
