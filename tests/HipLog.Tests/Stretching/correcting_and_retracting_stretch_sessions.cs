using System.Net;
using HipLog.Api.Stretching;
using HipLog.Api.Trends;
using HipLog.Domain.Pain;
using HipLog.Domain.Stretching;
using HipLog.Domain.Watch;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;
using Marten;

namespace HipLog.Tests.Stretching;

public sealed class correcting_and_retracting_stretch_sessions(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HipLogApi api = fixture.Api;

    /// <summary>A routine the pain watch delivered, written as the Worker writes it (no Worker runs here).</summary>
    private async Task<string> DeliveredRoutine(string runner, string suffix)
    {
        var id = $"rec~{runner}-{suffix}";
        var at = DateTimeOffset.Parse("2026-11-25T06:30:00Z");
        await using var session = api.Store.LightweightSession();
        session.Events.StartStream<RecommendationView>(id,
            new PainRiseDetected(id, runner, Guid.NewGuid(), PainLocation.FrontHip, BodySide.Left, [PainRules.Flare], [], null, null,
                new DateOnly(2026, 11, 25), at),
            new RoutineScheduled(id, runner, [], "A routine.", new DateOnly(2026, 11, 25), at),
            new RoutineSuggested(id, runner, at));
        await session.SaveChangesAsync();
        return id;
    }

    private async Task<IReadOnlyList<Type>> EventTypes(string stream)
    {
        await using var session = api.Store.QuerySession();
        return (await session.Events.FetchStreamAsync(stream)).Select(e => e.EventType).ToList();
    }

    private static Task<RecommendationStatus> Status(RunnerClient runner, string recommendationId) =>
        runner.Watch.ReadAsync(recommendationId).ContinueWith(r => r.Result.Status);

    [Fact]
    public async Task a_correction_answers_the_session_as_corrected()
    {
        var runner = api.Runner("runner-stretch-correct");
        var session = await runner.Stretching.CreateAsync();

        var corrected = await runner.Stretching.CorrectAsync(session.Id,
            Sample.Session(exerciseIds: ["garland-pose"]) with { PainAfter = 5 });

        corrected.ShouldReadAs(session with
        {
            Exercises = [new ExerciseDone("garland-pose", BodySide.Both, 8, null, 1, 1)], PainAfter = 5, Corrections = 1,
        });
        (await runner.Stretching.ReadAsync(session.Id)).ShouldReadAs(corrected);
    }

    [Fact]
    public async Task repeating_a_correction_records_nothing_more()
    {
        var runner = api.Runner("runner-stretch-correct-twice");
        var session = await runner.Stretching.CreateAsync();
        var first = await runner.Stretching.CorrectAsync(session.Id, Sample.Session(exerciseIds: ["garland-pose"]));

        var again = await runner.Stretching.CorrectAsync(session.Id, Sample.Session(exerciseIds: ["garland-pose"]));

        again.ShouldReadAs(first);
        (await runner.StoredEventTypesAsync()).ShouldBe([typeof(StretchSessionCompleted), typeof(StretchSessionCorrected)]);
    }

    [Fact]
    public async Task the_effectiveness_figures_count_a_corrected_session_as_corrected()
    {
        var runner = api.Runner("runner-stretch-correct-figures");
        var session = await runner.Stretching.CreateAsync();

        await runner.Stretching.CorrectAsync(session.Id, Sample.Session(exerciseIds: ["garland-pose"]) with { PainAfter = 5 });

        (await runner.Trends.StretchEffectivenessAsync()).Exercises.ShouldBe([new ExerciseEffectResponse("garland-pose", 1, 1, 1, 1)]);
    }

    [Fact]
    public async Task a_retracted_session_leaves_the_reads()
    {
        var runner = api.Runner("runner-stretch-retract");
        var kept = await runner.Stretching.CreateAsync(Sample.Session("2026-11-24T19:00:00+01:00") with { PainAfter = 3 });
        var retracted = await runner.Stretching.CreateAsync(Sample.Session(exerciseIds: ["lizard-lower-lunge", "garland-pose"]));

        (await runner.Stretching.RetractAsync(retracted.Id)).IsEmpty(HttpStatusCode.NoContent);

        (await runner.Stretching.GetAsync(retracted.Id)).IsProblem(HttpStatusCode.NotFound);
        (await runner.Stretching.ListAsync()).Select(s => s.Id).ShouldBe([kept.Id]);
    }

    [Fact]
    public async Task a_retracted_session_leaves_the_figures()
    {
        var runner = api.Runner("runner-stretch-retract-figures");
        await runner.Stretching.CreateAsync(Sample.Session("2026-11-24T19:00:00+01:00") with { PainAfter = 3 });
        var retracted = await runner.Stretching.CreateAsync(Sample.Session(exerciseIds: ["lizard-lower-lunge", "garland-pose"]));

        await runner.Stretching.RetractAsync(retracted.Id);

        (await runner.Trends.StretchEffectivenessAsync())
            .Exercises.ShouldBe([new ExerciseEffectResponse("lizard-lower-lunge", 1, 1, -1, 0)]);
    }

    [Fact]
    public async Task a_retraction_shows_first_in_the_timeline()
    {
        var runner = api.Runner("runner-stretch-retract-timeline");
        var session = await runner.Stretching.CreateAsync();

        await runner.Stretching.RetractAsync(session.Id);

        (await runner.Timeline.ReadAsync()).Items.Select(i => i.Type).ShouldBe(["stretch-session-retracted", "stretch-session-completed"]);
    }

    [Fact]
    public async Task a_retracted_session_cannot_be_corrected_patched_or_retracted_again()
    {
        var runner = api.Runner("runner-stretch-retract-twice");
        var session = await runner.Stretching.CreateAsync();
        await runner.Stretching.RetractAsync(session.Id);

        (await runner.Stretching.RetractAsync(session.Id)).IsProblem(HttpStatusCode.NotFound);
        (await runner.Stretching.PutAsync(session.Id, Sample.Session())).IsProblem(HttpStatusCode.NotFound);
        (await runner.Stretching.PatchAsync(session.Id, """{ "notes": "x" }""")).IsProblem(HttpStatusCode.NotFound);

        (await runner.StoredEventTypesAsync()).ShouldBe([typeof(StretchSessionCompleted), typeof(StretchSessionRetracted)]);
    }

    [Fact]
    public async Task a_retracted_session_reopens_the_routine_it_completed_as_it_was()
    {
        var runner = api.Runner("runner-stretch-reopen");
        var routine = await DeliveredRoutine(runner.Id, "a");
        var session = await runner.Stretching.CreateAsync(Sample.Session() with { RecommendationId = routine });
        (await Status(runner, routine)).ShouldBe(RecommendationStatus.Completed);

        await runner.Stretching.RetractAsync(session.Id);

        (await Status(runner, routine)).ShouldBe(RecommendationStatus.Delivered);
        (await EventTypes(routine)).TakeLast(2).ShouldBe([typeof(RecommendationCompleted), typeof(RecommendationReopened)]);
    }

    [Fact]
    public async Task a_correction_that_names_another_routine_moves_the_completion_to_it()
    {
        var runner = api.Runner("runner-stretch-move");
        var first = await DeliveredRoutine(runner.Id, "first");
        var second = await DeliveredRoutine(runner.Id, "second");
        var session = await runner.Stretching.CreateAsync(Sample.Session() with { RecommendationId = first });

        await runner.Stretching.CorrectAsync(session.Id, Sample.Session() with { RecommendationId = second });

        (await Status(runner, first)).ShouldBe(RecommendationStatus.Delivered);
        (await Status(runner, second)).ShouldBe(RecommendationStatus.Completed);
    }

    [Fact]
    public async Task patching_the_routine_away_keeps_the_rest_of_the_session()
    {
        var runner = api.Runner("runner-stretch-unlink");
        var routine = await DeliveredRoutine(runner.Id, "a");
        var session = await runner.Stretching.CreateAsync(Sample.Session() with { RecommendationId = routine });

        var cleared = (await runner.Stretching.PatchAsync(session.Id, """{ "recommendationId": null }"""))
            .Is<StretchSessionResponse>(HttpStatusCode.OK);

        cleared.ShouldReadAs(session with { RecommendationId = null, Corrections = 1 });
    }

    [Fact]
    public async Task patching_the_routine_away_reopens_it()
    {
        var runner = api.Runner("runner-stretch-unlink-reopens");
        var routine = await DeliveredRoutine(runner.Id, "a");
        var session = await runner.Stretching.CreateAsync(Sample.Session() with { RecommendationId = routine });

        await runner.Stretching.PatchAsync(session.Id, """{ "recommendationId": null }""");

        (await Status(runner, routine)).ShouldBe(RecommendationStatus.Delivered);
    }

    [Fact]
    public async Task a_correction_naming_a_routine_never_made_is_a_422()
    {
        var runner = api.Runner("runner-stretch-no-routine");
        var session = await runner.Stretching.CreateAsync();

        var answer = await runner.Stretching.PutAsync(session.Id, Sample.Session() with { RecommendationId = "rec~nothing" });

        answer.IsProblem(HttpStatusCode.UnprocessableEntity).Fields.ShouldBe(["recommendationId"]);
        (await runner.StoredEventTypesAsync()).ShouldBe([typeof(StretchSessionCompleted)]);
    }

    [Fact]
    public async Task an_invalid_correction_names_every_invalid_field()
    {
        var runner = api.Runner("runner-stretch-invalid");
        var session = await runner.Stretching.CreateAsync();

        var answer = await runner.Stretching.PutAsync(session.Id, Sample.Session() with { PainAfter = 11, Exercises = [] });

        answer.IsProblem(HttpStatusCode.BadRequest).Fields.ShouldBe(["exercises", "painAfter"]);
        (await runner.StoredEventTypesAsync()).ShouldBe([typeof(StretchSessionCompleted)]);
    }

    [Fact]
    public async Task an_invalid_patch_names_every_invalid_field()
    {
        var runner = api.Runner("runner-stretch-invalid-patch");
        var session = await runner.Stretching.CreateAsync();

        var answer = await runner.Stretching.PatchAsync(session.Id, """{ "painAfter": 11, "painBefore": -1 }""");

        answer.IsProblem(HttpStatusCode.BadRequest).Fields.ShouldBe(["painAfter", "painBefore"]);
        (await runner.Stretching.ReadAsync(session.Id)).ShouldReadAs(session);
    }

    [Fact]
    public async Task a_patch_naming_an_exercise_not_in_the_catalogue_is_a_422()
    {
        var runner = api.Runner("runner-stretch-patch-unknown");
        var session = await runner.Stretching.CreateAsync();

        var answer = await runner.Stretching.PatchAsync(session.Id,
            """{ "exercises": [ { "exerciseId": "headstand", "side": "both" } ] }""");

        answer.IsProblem(HttpStatusCode.UnprocessableEntity);
        (await runner.StoredEventTypesAsync()).ShouldBe([typeof(StretchSessionCompleted)]);
    }
}
