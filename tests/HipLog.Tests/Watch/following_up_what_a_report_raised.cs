using HipLog.Domain.Pain;
using HipLog.Domain.Watch;

namespace HipLog.Tests.Watch;

/// <summary>What becomes of a recommendation when the report behind it is retracted or corrected: one row per case.</summary>
public sealed class following_up_what_a_report_raised
{
    private static readonly Guid ReportId = Guid.Parse("0193a0c4-0000-7000-8000-000000000001");
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-25T06:10:00Z");

    private static RecommendationView Raised(RecommendationKind kind, RecommendationStatus status, bool delivered) =>
        new("rec~1", "runner", kind, status, PainLocation.FrontHip, BodySide.Left, new DateOnly(2026, 11, 25), [PainRules.Flare], [], null,
            null, [],
            "6/10 is above the 5/10 that is acceptable while training.", new DateOnly(2026, 11, 25), Now.AddMinutes(20),
            delivered ? Now.AddMinutes(-5) : null, Now.AddMinutes(-10), null, null, 2, ReportId);

    private static Assessment Still(params string[] redFlags)
    {
        var facts = new ReportFacts(ReportId, Now, new DateOnly(2026, 11, 25), PainLocation.FrontHip, BodySide.Left, PainTiming.AfterRun,
            6, RedFlags.None);
        return new Assessment(facts, [PainRules.Flare], redFlags, [], LoadContext.None);
    }

    private static readonly ReportChange Retracted = ReportChange.Retraction(ReportId);
    private static readonly ReportChange NoRuleFires = ReportChange.Correction(ReportId, null);

    public static TheoryData<string, RecommendationKind, RecommendationStatus, bool, string, string?, string?> Cases => new()
    {
        // case                                       kind                                   status                              delivered
        // change              outcome         reason
        { "scheduled routine, report retracted",      RecommendationKind.Routine,            RecommendationStatus.Scheduled,     false,
            "retracted",         "withdrawn",    FollowUpReasons.ReportRetracted },
        { "scheduled routine, 7 corrected to 3",      RecommendationKind.Routine,            RecommendationStatus.Scheduled,     false,
            "no rule",           "withdrawn",    FollowUpReasons.ReportCorrected },
        { "scheduled routine, still a flare",         RecommendationKind.Routine,            RecommendationStatus.Scheduled,     false,
            "still a flare",     null,           null },
        { "delivered routine, report retracted",      RecommendationKind.Routine,            RecommendationStatus.Delivered,     true,
            "retracted",         "followed-up",  FollowUpReasons.ReportRetracted },
        { "acknowledged routine, corrected to 3",     RecommendationKind.Routine,            RecommendationStatus.Acknowledged,  true,
            "no rule",           "followed-up",  FollowUpReasons.ReportCorrected },
        { "completed routine, report retracted",      RecommendationKind.Routine,            RecommendationStatus.Completed,     true,
            "retracted",         "followed-up",  FollowUpReasons.ReportRetracted },
        { "superseded before delivery, retracted",    RecommendationKind.Routine,            RecommendationStatus.Superseded,    false,
            "retracted",         null,           null },
        { "superseded after delivery, retracted",     RecommendationKind.Routine,            RecommendationStatus.Superseded,    true,
            "retracted",         "followed-up",  FollowUpReasons.ReportRetracted },
        { "dismissed routine, corrected to 3",        RecommendationKind.Routine,            RecommendationStatus.Dismissed,     true,
            "no rule",           "followed-up",  FollowUpReasons.ReportCorrected },
        { "referral, red flag answered no, no rule",  RecommendationKind.ClinicianReferral,  RecommendationStatus.Delivered,     true,
            "no rule",           "followed-up",  FollowUpReasons.RedFlagCleared },
        { "referral, red flag gone, still a flare",   RecommendationKind.ClinicianReferral,  RecommendationStatus.Delivered,     true,
            "still a flare",     "followed-up",  FollowUpReasons.RedFlagCleared },
        { "referral, still a red flag",               RecommendationKind.ClinicianReferral,  RecommendationStatus.Delivered,     true,
            "still a red flag",  null,           null },
        { "referral, report retracted",               RecommendationKind.ClinicianReferral,  RecommendationStatus.Delivered,     true,
            "retracted",         "followed-up",  FollowUpReasons.ReportRetracted },
        { "another report's change",                  RecommendationKind.Routine,            RecommendationStatus.Scheduled,     false,
            "another report",    null,           null },
    };

    [Theory, MemberData(nameof(Cases))]
    public void the_change_withdraws_it_before_delivery_follows_it_up_after_or_leaves_it(
        string @case, RecommendationKind kind, RecommendationStatus status, bool delivered, string change, string? outcome, string? reason)
    {
        var reportChange = change switch
        {
            "retracted" => Retracted,
            "no rule" => NoRuleFires,
            "still a flare" => ReportChange.Correction(ReportId, Still()),
            "still a red flag" => ReportChange.Correction(ReportId, Still("red-flag:pain-at-rest")),
            _ => ReportChange.Retraction(Guid.NewGuid()),
        };
        var answer = PainWatchFollowUp.Reconsider(Raised(kind, status, delivered), reportChange, Now);

        switch (outcome)
        {
            case null:
                answer.ShouldBeNull(@case);
                break;
            case "withdrawn":
                var withdrawn = answer.ShouldBeOfType<RecommendationWithdrawn>(@case);
                withdrawn.Reason.ShouldBe(reason);
                withdrawn.ReportId.ShouldBe(ReportId);
                break;
            default:
                answer.ShouldBeOfType<RecommendationFollowedUp>(@case).Reason.ShouldBe(reason);
                break;
        }
    }

    [Fact]
    public void a_delivered_recommendation_is_followed_up_saying_it_no_longer_applies()
    {
        var delivered = Raised(RecommendationKind.Routine, RecommendationStatus.Delivered, delivered: true);

        var followedUp = FollowedUp(delivered, PainWatchFollowUp.Reconsider(delivered, NoRuleFires, Now)!);

        followedUp.Status.ShouldBe(RecommendationStatus.Delivered);
        followedUp.FollowUp!.Message.ShouldContain("no longer applies");
    }

    [Fact]
    public void a_recommendation_is_followed_up_once()
    {
        var delivered = Raised(RecommendationKind.Routine, RecommendationStatus.Delivered, delivered: true);
        var followedUp = FollowedUp(delivered, PainWatchFollowUp.Reconsider(delivered, NoRuleFires, Now)!);

        PainWatchFollowUp.Reconsider(followedUp, Retracted, Now).ShouldBeNull();
    }

    [Fact]
    public void a_scheduled_recommendation_whose_report_is_retracted_is_withdrawn_then()
    {
        var scheduled = Raised(RecommendationKind.Routine, RecommendationStatus.Scheduled, delivered: false);

        var withdrawn = FollowedUp(scheduled, PainWatchFollowUp.Reconsider(scheduled, Retracted, Now)!);

        (withdrawn.Status, withdrawn.ClosedAt).ShouldBe((RecommendationStatus.Withdrawn, Now));
    }

    [Fact]
    public void a_withdrawn_recommendation_is_never_followed_up()
    {
        var scheduled = Raised(RecommendationKind.Routine, RecommendationStatus.Scheduled, delivered: false);
        var withdrawn = FollowedUp(scheduled, PainWatchFollowUp.Reconsider(scheduled, Retracted, Now)!);

        PainWatchFollowUp.Reconsider(withdrawn, NoRuleFires, Now).ShouldBeNull();
    }

    /// <summary>The recommendation once the view has taken in what the follow-up appended.</summary>
    private static RecommendationView FollowedUp(RecommendationView view, object followUp) =>
        new RecommendationViewProjection().Evolve(view, view.Id, new JasperFx.Events.Event<object>(followUp) { Version = 3 })!;

    [Fact]
    public void a_completion_taken_back_returns_the_routine_to_the_status_it_had()
    {
        var projection = new RecommendationViewProjection();
        var sessionId = Guid.NewGuid();
        foreach (var before in new[] { RecommendationStatus.Scheduled, RecommendationStatus.Delivered, RecommendationStatus.Acknowledged })
        {
            var open = Raised(RecommendationKind.Routine, before, delivered: before != RecommendationStatus.Scheduled);
            var completed = projection.Evolve(open, open.Id,
                new JasperFx.Events.Event<object>(new RecommendationCompleted(open.Id, "runner", sessionId, Now)) { Version = 3 })!;
            completed.Status.ShouldBe(RecommendationStatus.Completed);
            completed.CompletedBy.ShouldBe(sessionId);

            var reopened = projection.Evolve(completed, open.Id,
                new JasperFx.Events.Event<object>(new RecommendationReopened(open.Id, "runner", sessionId, Now)) { Version = 4 })!;
            reopened.ShouldBe(open with { Version = 4 });
        }
    }
}
