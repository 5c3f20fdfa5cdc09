using System.Net;
using HipLog.Api.Stretching;
using HipLog.Domain.Pain;
using HipLog.Domain.Stretching;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;

namespace HipLog.Tests.Stretching;

public sealed class recording_stretch_sessions(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HipLogApi api = fixture.Api;

    [Fact]
    public async Task a_session_is_answered_with_every_exercise_it_was_sent()
    {
        var runner = api.Runner("runner-stretch");

        var session = await runner.Stretching.CreateAsync(Sample.Session() with
        {
            Exercises = [new ExerciseDoneRequest("single-leg-knee-lift", BodySide.Right, HoldSeconds: 10, Sets: 3, Reps: 10)],
        });

        session.ShouldReadAs(new StretchSessionResponse(session.Id, DateTimeOffset.Parse("2026-11-25T19:00:00+01:00"),
            [new ExerciseDone("single-leg-knee-lift", BodySide.Right, null, 10, 3, 10)], 4, 2, null, null, 0));
    }

    [Fact]
    public async Task sets_and_reps_left_out_are_one_each()
    {
        var runner = api.Runner("runner-stretch-defaults");

        var created = await runner.Stretching.PostAsync(Sample.Session() with
        {
            Exercises = [new ExerciseDoneRequest("lizard-lower-lunge", BodySide.Left, HoldBreaths: 10)],
        });

        created.Body.ShouldContain("""
            "exercises":[{"exerciseId":"lizard-lower-lunge","side":"left","holdBreaths":10,"holdSeconds":null,"sets":1,"reps":1}]
            """);
    }

    [Fact]
    public async Task a_session_is_found_at_its_location()
    {
        var runner = api.Runner("runner-stretch-read");

        var created = await runner.Stretching.PostAsync();

        var session = created.Is<StretchSessionResponse>(HttpStatusCode.Created);
        created.Location.ShouldBe($"/runners/runner-stretch-read/stretch-sessions/{session.Id}");
        (await runner.Stretching.ReadAsync(session.Id)).ShouldReadAs(session);
    }

    [Fact]
    public async Task a_session_is_listed_on_its_day()
    {
        var runner = api.Runner("runner-stretch-day");

        var session = await runner.Stretching.CreateAsync();

        (await runner.Stretching.ListAsync("?from=2026-11-25&to=2026-11-25")).Select(s => s.Id).ShouldBe([session.Id]);
    }

    [Fact]
    public async Task a_recommendation_that_is_not_this_runners_is_a_422()
    {
        var runner = api.Runner("runner-stretch-rec");

        var answer = await runner.Stretching.PostAsync(Sample.Session() with { RecommendationId = "rec-123" });

        answer.IsProblem(HttpStatusCode.UnprocessableEntity).Fields.ShouldBe(["recommendationId"]);
        (await runner.Stretching.ListAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task an_unknown_exercise_is_a_422_that_names_it()
    {
        var runner = api.Runner("runner-stretch-unknown");

        var answer = await runner.Stretching.PostAsync(Sample.Session(exerciseIds: ["garland-pose", "pigeon-pose"]));

        var problem = answer.IsProblem(HttpStatusCode.UnprocessableEntity);
        problem.Fields.ShouldBe(["exercises[1].exerciseId"]);
        problem.Messages["exercises[1].exerciseId"].Single().ShouldContain("pigeon-pose");
        (await runner.Stretching.ListAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task every_malformed_exercise_field_is_named_by_its_path()
    {
        var runner = api.Runner("runner-stretch-bad");

        var answer = await runner.Stretching.PostAsync(new StretchSessionRequest(DateTimeOffset.Parse("2026-11-25T19:00:00+01:00"),
            [
                new ExerciseDoneRequest("garland-pose", BodySide.Both, HoldBreaths: 8, HoldSeconds: 30),
                new ExerciseDoneRequest(null, BodySide.Left, Sets: 0),
                null,
            ], PainBefore: 11));

        answer.IsProblem(HttpStatusCode.BadRequest).Fields
            .ShouldBe(["exercises[0].holdSeconds", "exercises[1].exerciseId", "exercises[1].sets", "exercises[2]", "painBefore"]);
    }

    [Fact]
    public async Task a_session_without_exercises_is_refused()
    {
        var runner = api.Runner("runner-stretch-empty");

        var answer = await runner.Stretching.PostAsync(Sample.Session() with { Exercises = [] });

        answer.IsProblem(HttpStatusCode.BadRequest).Fields.ShouldBe(["exercises"]);
    }
}
