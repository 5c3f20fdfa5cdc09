using HipLog.Domain.Clinician;
using HipLog.Domain.Pain;
using HipLog.Domain.Watch;
using static HipLog.Tests.Clinician.ClinicianSummaryInputs;

namespace HipLog.Tests.Clinician;

/// <summary>Each recommendation in the summary: its day, why it was made and what the runner did with it, in plain words.</summary>
public sealed class wording_recommendations_for_the_clinician
{
    private static RecommendationView Recommendation(RecommendationStatus status, RecommendationKind kind = RecommendationKind.Routine,
        string[]? reasons = null,
        string[]? advisories = null, FollowUp? followUp = null) =>
        new("rec~1", "runner", kind, status, PainLocation.FrontHip, BodySide.Left, new DateOnly(2026, 11, 20), reasons
            ?? [PainRules.Flare, PainRules.RisingWeek],
            advisories ?? [], null, 1.62, [], "msg", new DateOnly(2026, 11, 21), DateTimeOffset.Parse("2026-11-21T06:30:00Z"),
            status is RecommendationStatus.Scheduled ? null : DateTimeOffset.Parse("2026-11-21T06:30:00Z"),
                DateTimeOffset.Parse("2026-11-20T22:30:00Z"),
            DateTimeOffset.Parse("2026-11-22T18:00:00Z"), null, 3, FollowUp: followUp);

    [Fact]
    public void a_recommendation_is_listed_on_the_day_of_the_pain_behind_it()
    {
        ClinicianWords.Recommendation(Recommendation(RecommendationStatus.Completed), Berlin).Day.ShouldBe(new DateOnly(2026, 11, 20));
    }

    [Fact]
    public void a_routine_says_why_in_plain_words()
    {
        ClinicianWords.Recommendation(Recommendation(RecommendationStatus.Completed, advisories: [PainRules.EaseMileage]), Berlin)
            .Why.ShouldBe(["flare", "rising week", "high training load (1.62)"]);
    }

    [Fact]
    public void a_referral_says_which_red_flags_in_plain_words()
    {
        ClinicianWords.Recommendation(Recommendation(RecommendationStatus.Delivered, RecommendationKind.ClinicianReferral,
                ["red-flag:pain-at-night", "red-flag:groin-pain-with-running"]), Berlin)
            .Why.ShouldBe(["red flag: pain at night", "red flag: groin pain with running"]);
    }

    [Theory]
    [InlineData(RecommendationStatus.Completed, "delivered 21 Nov; completed with a stretch session 22 Nov")]
    [InlineData(RecommendationStatus.Dismissed, "delivered 21 Nov; dismissed by the runner 22 Nov")]
    [InlineData(RecommendationStatus.Acknowledged, "delivered 21 Nov; acknowledged by the runner")]
    public void a_routine_says_what_the_runner_did_with_it(RecommendationStatus status, string outcome)
    {
        ClinicianWords.Recommendation(Recommendation(status, advisories: [PainRules.EaseMileage]), Berlin).Outcome.ShouldBe(outcome);
    }

    [Fact]
    public void a_withdrawn_routine_says_why_it_never_reached_the_runner()
    {
        ClinicianWords.Recommendation(Recommendation(RecommendationStatus.Withdrawn,
            followUp: new FollowUp(FollowUpReasons.ReportRetracted, "", DateTimeOffset.UnixEpoch)), Berlin)
            .Outcome.ShouldBe("withdrawn 22 Nov before delivery: the runner retracted the pain report behind it");
    }

    [Fact]
    public void an_unanswered_referral_says_it_was_shown_at_once()
    {
        ClinicianWords.Recommendation(Recommendation(RecommendationStatus.Delivered, RecommendationKind.ClinicianReferral,
                ["red-flag:pain-at-night", "red-flag:groin-pain-with-running"]), Berlin)
            .Outcome.ShouldBe("shown at once; no answer from the runner");
    }

    [Fact]
    public void the_rules_named_are_defined_once_in_the_order_the_watch_checks_them() =>
        ClinicianWords.Rules([PainRules.Streak, "red-flag:pain-at-night", PainRules.Flare, PainRules.EaseMileage, PainRules.Flare,
            "red-flag:severe-pain"]).ShouldBe(
        [
            ("flare", "pain 6/10 or more, above the 5/10 acceptable while training"),
            ("streak", "3 reports for the place in a row, each higher"),
            ("high training load", "acute:chronic ratio 1.5 or more; HipLog advised easing the mileage"),
            ("red flag: severe pain", "a score of 8/10 or more"),
        ]);
}
