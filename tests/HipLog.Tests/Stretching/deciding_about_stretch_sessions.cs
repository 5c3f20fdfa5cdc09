using HipLog.Api.Stretching;
using HipLog.Domain.Pain;
using HipLog.Domain.Stretching;
using HipLog.Domain.Watch;
using HipLog.Tests.Support;

namespace HipLog.Tests.Stretching;

/// <summary>The stretch-session endpoints and their decisions, called directly: no host, no database.</summary>
public sealed class deciding_about_stretch_sessions
{
    private static readonly StretchSessionRequest Request = new(new DateTimeOffset(2026, 11, 25, 19, 0, 0, TimeSpan.FromHours(1)),
        [new ExerciseDoneRequest(StretchCatalogue.LizardLowerLunge, BodySide.Both, HoldBreaths: 8)], 4, 2);

    private static RecommendationView Routine(string id, RecommendationStatus status, string runner = "alice", Guid? completedBy = null) =>
        new(id, runner, RecommendationKind.Routine, status, PainLocation.FrontHip, BodySide.Left, new DateOnly(2026, 11, 25),
            [PainRules.Flare], [],
            null, null, [], "A routine.", new DateOnly(2026, 11, 25), Decisions.Now, Decisions.Now, Decisions.Now, null, null, 3,
            CompletedBy: completedBy, ReopensAs: completedBy is null ? null : RecommendationStatus.Delivered);

    [Fact]
    public void a_session_is_answered_201_at_its_own_location()
    {
        var (written, ops) = CompleteStretchSessionEndpoint.Post("alice", Request, new FollowedRoutines(null, null), Decisions.Clock());

        var completed = ops.ShouldHaveSingleItem().AppendsOne<StretchSessionCompleted>("alice");
        written.Status.ShouldBe(201);
        written.Location.ShouldBe($"/runners/alice/stretch-sessions/{completed.SessionId}");
        written.Body.ShouldBe(StretchSessionResponse.From(new StretchSessionView(completed.SessionId, "alice", completed.Session)));
    }

    [Fact]
    public void a_session_that_names_an_open_routine_completes_it_at_the_version_it_was_read_at()
    {
        var routine = Routine("rec~a", RecommendationStatus.Delivered);

        var (_, ops) = CompleteStretchSessionEndpoint.Post("alice", Request with { RecommendationId = routine.Id },
            new FollowedRoutines(routine, null), Decisions.Clock());

        var (stream, version, events) = ops.Last().Appended();
        (stream, version).ShouldBe((routine.Id, 4L));
        events.ShouldHaveSingleItem().ShouldBeOfType<RecommendationCompleted>().RecommendationId.ShouldBe(routine.Id);
    }

    [Fact]
    public void a_session_that_names_a_closed_routine_leaves_it_closed()
    {
        var routine = Routine("rec~a", RecommendationStatus.Dismissed);

        var (_, ops) = CompleteStretchSessionEndpoint.Post("alice", Request with { RecommendationId = routine.Id },
            new FollowedRoutines(routine, null), Decisions.Clock());

        ops.Count().ShouldBe(1);
    }

    [Fact]
    public void a_session_cannot_name_another_runners_recommendation()
    {
        var theirs = Routine("rec~b", RecommendationStatus.Delivered, runner: "bob");

        var problem = CompleteStretchSessionEndpoint.Validate("alice", Request with { RecommendationId = theirs.Id },
            new FollowedRoutines(theirs, null));

        problem.Status.ShouldBe(422);
    }

    [Fact]
    public void a_session_naming_an_exercise_the_catalogue_lacks_is_a_422()
    {
        var problem = CompleteStretchSessionEndpoint.Validate(Request with { Exercises = [new ExerciseDoneRequest("headstand",
            BodySide.Both)] },
            Decisions.Clock());

        problem.Status.ShouldBe(422);
    }

    [Fact]
    public void a_correction_to_another_routine_moves_the_completion_to_it()
    {
        var session = new StretchSessionView(Guid.CreateVersion7(), "alice", Request.ToDetails() with { RecommendationId = "rec~a" });
        var first = Routine("rec~a", RecommendationStatus.Completed, completedBy: session.Id);
        var second = Routine("rec~b", RecommendationStatus.Delivered);

        var (_, ops) = CorrectStretchSessionEndpoint.Put("alice", Request with { RecommendationId = second.Id }, session,
            new FollowedRoutines(second, first), Decisions.Clock());

        ops.Skip(1).Select(op => (op.Appended().Stream, op.Appended().Events.Single().GetType()))
            .ShouldBe([("rec~b", typeof(RecommendationCompleted)), ("rec~a", typeof(RecommendationReopened))]);
    }

    [Fact]
    public void a_correction_that_changes_nothing_appends_nothing()
    {
        var session = new StretchSessionView(Guid.CreateVersion7(), "alice", Request.ToDetails());

        var (written, ops) = CorrectStretchSessionEndpoint.Put("alice", Request, session, new FollowedRoutines(null, null),
            Decisions.Clock());

        ops.ShouldBeEmpty();
        written.Body.ShouldBe(StretchSessionResponse.From(session));
    }

    [Fact]
    public void a_correction_carries_the_session_as_it_was()
    {
        var session = new StretchSessionView(Guid.CreateVersion7(), "alice", Request.ToDetails());

        var (_, ops) = CorrectStretchSessionEndpoint.Put("alice", Request with { PainAfter = 5 }, session,
            new FollowedRoutines(null, null), Decisions.Clock());

        ops.Single().AppendsOne<StretchSessionCorrected>("alice").Was.ShouldBeSameAs(session.Session);
    }

    [Fact]
    public void a_retraction_reopens_the_routine_the_session_completed()
    {
        var session = new StretchSessionView(Guid.CreateVersion7(), "alice", Request.ToDetails() with { RecommendationId = "rec~a" });
        var routine = Routine("rec~a", RecommendationStatus.Completed, completedBy: session.Id);

        var (written, ops) = RetractStretchSessionEndpoint.Delete("alice", session, new FollowedRoutines(null, routine), Decisions.Clock());

        written.Status.ShouldBe(204);
        ops.Select(op => op.Appended().Events.Single().GetType())
            .ShouldBe([typeof(StretchSessionRetracted), typeof(RecommendationReopened)]);
    }
}
