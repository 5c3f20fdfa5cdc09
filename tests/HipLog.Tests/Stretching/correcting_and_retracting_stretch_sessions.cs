using System.Net;
using System.Text.Json.Nodes;
using HipLog.Domain.Pain;
using HipLog.Domain.Stretching;
using HipLog.Domain.Watch;
using HipLog.Tests.Support;
using Marten;

namespace HipLog.Tests.Stretching;

public sealed class correcting_and_retracting_stretch_sessions(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HipLogApi api = fixture.Api;

    private async Task<JsonArray> Effects(HttpClient client, string runner) =>
        (await (await client.GetAsync($"/runners/{runner}/stretch-effectiveness")).ShouldBeJson(HttpStatusCode.OK))["exercises"]!.AsArray();

    private async Task<IReadOnlyList<Type>> EventTypes(string stream)
    {
        await using var session = api.Store.QuerySession();
        return (await session.Events.FetchStreamAsync(stream)).Select(e => e.Data.GetType()).ToList();
    }

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

    private async Task<string> Status(HttpClient client, string runner, string recommendationId) =>
        (await (await client.GetAsync($"/runners/{runner}/recommendations/{recommendationId}"))
            .ShouldBeJson(HttpStatusCode.OK))["status"]!.GetValue<string>();

    [Fact]
    public async Task a_correction_replaces_the_session_and_the_effectiveness_figures_count_it_as_corrected()
    {
        const string runner = "runner-stretch-correct";
        var client = api.ClientFor(runner);
        var sessionId = await client.Create($"/runners/{runner}/stretch-sessions", Scenarios.Session());
        var corrected = Scenarios.Session(exerciseIds: ["garland-pose"]).With("painAfter", 5);

        var first = await (await client.PutJson($"/runners/{runner}/stretch-sessions/{sessionId}", corrected))
            .ShouldBeJson(HttpStatusCode.OK);
        var again = await (await client.PutJson($"/runners/{runner}/stretch-sessions/{sessionId}", corrected))
            .ShouldBeJson(HttpStatusCode.OK);

        first["exercises"]![0]!["exerciseId"]!.GetValue<string>().ShouldBe("garland-pose");
        first["corrections"]!.GetValue<int>().ShouldBe(1);
        again.ToJsonString().ShouldBe(first.ToJsonString());
        (await (await client.GetAsync($"/runners/{runner}/stretch-sessions/{sessionId}")).ShouldBeJson(HttpStatusCode.OK)).ToJsonString()
            .ShouldBe(first.ToJsonString());
        var effect = (await Effects(client, runner)).Single()!;
        effect["exerciseId"]!.GetValue<string>().ShouldBe("garland-pose");
        effect["sessions"]!.GetValue<int>().ShouldBe(1);
        effect["meanPainChange"]!.GetValue<double>().ShouldBe(1);
        effect["timesRaised"]!.GetValue<int>().ShouldBe(1);
        (await EventTypes(runner)).ShouldBe([typeof(StretchSessionCompleted), typeof(StretchSessionCorrected)]);
    }

    [Fact]
    public async Task a_retracted_session_leaves_every_read_and_the_figures_and_cannot_be_corrected_or_retracted_again()
    {
        const string runner = "runner-stretch-retract";
        var client = api.ClientFor(runner);
        await client.Create($"/runners/{runner}/stretch-sessions", Scenarios.Session("2026-11-24T19:00:00+01:00").With("painAfter", 3));
        var retracted = await client.Create($"/runners/{runner}/stretch-sessions",
            Scenarios.Session(exerciseIds: ["lizard-lower-lunge", "garland-pose"]));

        (await client.DeleteAsync($"/runners/{runner}/stretch-sessions/{retracted}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await (await client.GetAsync($"/runners/{runner}/stretch-sessions/{retracted}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await client.DeleteAsync($"/runners/{runner}/stretch-sessions/{retracted}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await client.PutJson($"/runners/{runner}/stretch-sessions/{retracted}", Scenarios.Session()))
            .ShouldBeProblem(HttpStatusCode.NotFound);
        await (await client.PatchMerge($"/runners/{runner}/stretch-sessions/{retracted}", """{ "notes": "x" }"""))
            .ShouldBeProblem(HttpStatusCode.NotFound);
        var effect = (await Effects(client, runner)).Single()!;
        effect["exerciseId"]!.GetValue<string>().ShouldBe("lizard-lower-lunge");
        effect["sessions"]!.GetValue<int>().ShouldBe(1);
        effect["meanPainChange"]!.GetValue<double>().ShouldBe(-1);
        var timeline = await (await client.GetAsync($"/runners/{runner}/timeline")).ShouldBeJson(HttpStatusCode.OK);
        timeline["items"]![0]!["type"]!.GetValue<string>().ShouldBe("stretch-session-retracted");
        (await EventTypes(runner))
            .ShouldBe([typeof(StretchSessionCompleted), typeof(StretchSessionCompleted), typeof(StretchSessionRetracted)]);
    }

    [Fact]
    public async Task a_retracted_session_reopens_the_routine_it_completed_as_it_was()
    {
        const string runner = "runner-stretch-reopen";
        var client = api.ClientFor(runner);
        var routine = await DeliveredRoutine(runner, "a");
        var sessionId = await client.Create($"/runners/{runner}/stretch-sessions", Scenarios.Session().With("recommendationId", routine));
        (await Status(client, runner, routine)).ShouldBe("completed");

        (await client.DeleteAsync($"/runners/{runner}/stretch-sessions/{sessionId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await Status(client, runner, routine)).ShouldBe("delivered");
        (await EventTypes(routine)).TakeLast(2).ShouldBe([typeof(RecommendationCompleted), typeof(RecommendationReopened)]);
    }

    [Fact]
    public async Task a_correction_that_names_another_routine_moves_the_completion_to_it()
    {
        const string runner = "runner-stretch-move";
        var client = api.ClientFor(runner);
        var first = await DeliveredRoutine(runner, "first");
        var second = await DeliveredRoutine(runner, "second");
        var sessionId = await client.Create($"/runners/{runner}/stretch-sessions", Scenarios.Session().With("recommendationId", first));

        (await client.PutJson($"/runners/{runner}/stretch-sessions/{sessionId}", Scenarios.Session().With("recommendationId", second)))
            .EnsureSuccessStatusCode();
        (await Status(client, runner, first)).ShouldBe("delivered");
        (await Status(client, runner, second)).ShouldBe("completed");

        var cleared = await (await client.PatchMerge($"/runners/{runner}/stretch-sessions/{sessionId}", """{ "recommendationId": null }"""))
            .ShouldBeJson(HttpStatusCode.OK);
        cleared["recommendationId"].ShouldBeNull();
        cleared["painBefore"]!.GetValue<int>().ShouldBe(4);
        (await Status(client, runner, second)).ShouldBe("delivered");

        var unknown = await (await client.PutJson($"/runners/{runner}/stretch-sessions/{sessionId}", Scenarios.Session()
            .With("recommendationId", "rec~nothing")))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        unknown.ErrorFields().ShouldBe(["recommendationId"]);
        (await EventTypes(runner))
            .ShouldBe([typeof(StretchSessionCompleted), typeof(StretchSessionCorrected), typeof(StretchSessionCorrected)]);
    }

    [Fact]
    public async Task an_invalid_correction_lists_every_field_and_the_session_stays_as_it_was()
    {
        const string runner = "runner-stretch-invalid";
        var client = api.ClientFor(runner);
        var sessionId = await client.Create($"/runners/{runner}/stretch-sessions", Scenarios.Session());

        var problem = await (await client.PutJson($"/runners/{runner}/stretch-sessions/{sessionId}", Scenarios.Session()
            .With("painAfter", 11).With("exercises", Array.Empty<object>())))
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        problem.ErrorFields().ShouldBe(["exercises", "painAfter"]);
        var patched = await (await client.PatchMerge($"/runners/{runner}/stretch-sessions/{sessionId}",
            """{ "painAfter": 11, "painBefore": -1 }"""))
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        patched.ErrorFields().ShouldBe(["painAfter", "painBefore"]);
        await (await client.PatchMerge($"/runners/{runner}/stretch-sessions/{sessionId}",
            """{ "exercises": [ { "exerciseId": "headstand", "side": "both" } ] }"""))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        (await EventTypes(runner)).ShouldBe([typeof(StretchSessionCompleted)]);
    }
}
