using System.Net;
using HipLog.Api.Trends;
using HipLog.Domain.Pain;
using HipLog.Domain.Stretching;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;

namespace HipLog.Tests.Stretching;

/// <summary>A stretch session corrected or patched: the answer, reads and figures follow; an invalid change records nothing.</summary>
public sealed class correcting_stretch_sessions(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HipLogApi api = fixture.Api;

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
