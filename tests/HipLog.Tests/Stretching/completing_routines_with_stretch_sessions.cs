using System.Net;
using HipLog.Api.Stretching;
using HipLog.Domain.Pain;
using HipLog.Domain.Stretching;
using HipLog.Domain.Watch;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;

namespace HipLog.Tests.Stretching;

/// <summary>The routine a stretch session completed, when the session is retracted or corrected to name another routine or none.</summary>
public sealed class completing_routines_with_stretch_sessions(ApiFixture fixture) : IClassFixture<ApiFixture>
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
}
