using HipLog.Api.Watch;
using HipLog.Domain.Pain;
using HipLog.Domain.Watch;
using HipLog.Tests.Support;

namespace HipLog.Tests.Watch;

/// <summary>The runner's answers to a recommendation, called directly: no host, no database.</summary>
public sealed class answering_recommendations
{
    private static RecommendationView Routine(RecommendationStatus status, string runner = "alice") =>
        new("rec~a", runner, RecommendationKind.Routine, status, PainLocation.FrontHip, BodySide.Left, new DateOnly(2026, 11, 25),
            [PainRules.Flare],
            [], null, null, [], "A routine.", new DateOnly(2026, 11, 25), Decisions.Now, Decisions.Now, Decisions.Now, null, null, 3);

    [Fact]
    public void acknowledging_a_delivered_routine_appends_the_answer()
    {
        var (_, events) = AcknowledgeRecommendationEndpoint.Post(Routine(RecommendationStatus.Delivered), TimeZoneInfo.Utc,
            Decisions.Clock());

        events.ShouldHaveSingleItem().ShouldBe(new RecommendationAcknowledged("rec~a", "alice", Decisions.Now));
    }

    [Fact]
    public void acknowledging_a_delivered_routine_answers_it_as_acknowledged()
    {
        var routine = Routine(RecommendationStatus.Delivered);

        var (written, _) = AcknowledgeRecommendationEndpoint.Post(routine, TimeZoneInfo.Utc, Decisions.Clock());

        written.ShouldAnswer(200,
            RecommendationPayload.From(routine with { Status = RecommendationStatus.Acknowledged, Version = 4 }, TimeZoneInfo.Utc));
    }

    [Fact]
    public void acknowledging_twice_appends_nothing()
    {
        var (_, events) = AcknowledgeRecommendationEndpoint.Post(Routine(RecommendationStatus.Acknowledged), TimeZoneInfo.Utc,
            Decisions.Clock());

        events.ShouldBeEmpty();
    }

    [Fact]
    public void dismissing_closes_the_routine()
    {
        var (written, events) = DismissRecommendationEndpoint.Post(Routine(RecommendationStatus.Acknowledged), TimeZoneInfo.Utc,
            Decisions.Clock());

        events.ShouldHaveSingleItem().ShouldBeOfType<RecommendationDismissed>();
        written.Body!.Status.ShouldBe(RecommendationStatus.Dismissed);
    }

    [Theory]
    [InlineData(RecommendationStatus.Completed)]
    [InlineData(RecommendationStatus.Superseded)]
    [InlineData(RecommendationStatus.Dismissed)]
    public void a_closed_routine_can_no_longer_be_acknowledged(RecommendationStatus status)
    {
        AcknowledgeRecommendationEndpoint.Validate("alice", Routine(status)).Status.ShouldBe(409);
    }

    [Fact]
    public void another_runners_recommendation_is_not_found()
    {
        DismissRecommendationEndpoint.Validate("alice", Routine(RecommendationStatus.Delivered, runner: "bob")).Status.ShouldBe(404);
    }
}
