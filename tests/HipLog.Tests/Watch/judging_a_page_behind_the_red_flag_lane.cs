using HipLog.Domain.Pain;
using HipLog.Domain.Watch;
using HipLog.Worker.Watch;

namespace HipLog.Tests.Watch;

/// <summary>The main watch's page when the red-flag lane advised ahead of it: the runner's order as if one watch had judged.</summary>
public sealed class judging_a_page_behind_the_red_flag_lane : PageOfTheLog
{
    private static readonly PainDetails NightPain = Flare with { Score = 4, RedFlags = new RedFlags(false, true, false, false) };

    private static RecommendationView OpenRoutine(string id, long? assessedSequence) => new(id, "alice", RecommendationKind.Routine,
        RecommendationStatus.Scheduled, PainLocation.FrontHip, BodySide.Left, DateOnly.FromDateTime(Now.UtcDateTime), [PainRules.Flare], [],
        null, null, [], null, null, Now.AddDays(1), null, Now.AddHours(-2), null, null, 1, AssessedSequence: assessedSequence);

    [Theory]
    [InlineData(8, false, true)]
    [InlineData(7, false, false)]
    [InlineData(2, true, true)]
    public void a_report_is_the_lanes_with_a_red_flag_answer_or_a_severe_score(int score, bool painAtNight, bool urgent) =>
        RedFlagLane.IsUrgent(Flare with { Score = score, RedFlags = new RedFlags(false, painAtNight, false, false) },
                PainWatchOptions.Default)
            .ShouldBe(urgent);

    [Theory]
    [InlineData(9, true)]
    [InlineData(11, false)]
    public void an_urgent_report_is_the_lanes_only_while_fresh(int minutesLater, bool taken) =>
        RedFlagLane.Takes(WatchedReport.Of(Report("alice", NightPain), PainWatchOptions.Default)!, PainWatchOptions.Default,
            Now.AddMinutes(minutesLater)).ShouldBe(taken);

    [Fact]
    public void a_decision_carries_where_its_report_stands_in_the_log()
    {
        Add(new PainReportRetracted("bob", Guid.NewGuid(), Now));
        var report = Report("alice", Flare);

        Judge().Decisions.ShouldHaveSingleItem().AssessedSequence.ShouldBe(report.Sequence);
    }

    [Fact]
    public void reaching_the_lanes_advice_replaces_the_routines_of_earlier_reports_and_no_later_ones()
    {
        Add(new PainReportRetracted("bob", Guid.NewGuid(), Now));
        Add(new PainReportRetracted("bob", Guid.NewGuid(), Now));
        var advised = RecommendationIds.For(Report("alice", NightPain).Id);
        referrals.Add(advised);
        recommendations["alice"] = [OpenRoutine("rec~earlier", 2), OpenRoutine("rec~older", null), OpenRoutine("rec~later", 9)];

        var verdict = Judge(decided: advised);

        verdict.Decisions.ShouldBeEmpty();
        verdict.Supersessions.Select(s => (s.RecommendationId, s.SupersededBy)).ShouldBe([("rec~earlier", advised),
            ("rec~older", advised)]);
    }
}
