using System.Net;
using System.Text.Json.Nodes;
using HipLog.Api.Http.Writes;
using HipLog.Domain.Pain;
using HipLog.Domain.Runs;
using HipLog.Tests.Support;
using Marten;

namespace HipLog.Tests.Http;

/// <summary>PATCH with a JSON merge patch (RFC 7396) on runs and pain reports: only the fields sent change.</summary>
public sealed class patching_entries(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HipLogApi api = fixture.Api;

    private async Task<IReadOnlyList<Type>> EventTypes(string runnerId)
    {
        await using var session = api.Store.QuerySession();
        return (await session.Events.FetchStreamAsync(runnerId)).Select(e => e.Data.GetType()).ToList();
    }

    [Fact]
    public async Task the_readme_correction_changes_the_distance_and_keeps_the_route_the_shoes_and_the_notes()
    {
        const string runner = "runner-patch-run";
        var client = api.ClientFor(runner);
        var runId = await client.Create($"/runners/{runner}/runs", Scenarios.Run());

        var patched = await (await client.PatchMerge($"/runners/{runner}/runs/{runId}", """{ "distanceKm": 9.1 }"""))
            .ShouldBeJson(HttpStatusCode.OK);

        patched["distanceKm"]!.GetValue<double>().ShouldBe(9.1);
        patched["routeName"]!.GetValue<string>().ShouldBe("Riverside loop");
        patched["shoes"]!.GetValue<string>().ShouldBe("Trail 3");
        patched["notes"]!.GetValue<string>().ShouldBe("easy");
        patched["corrections"]!.GetValue<int>().ShouldBe(1);
        (await (await client.GetAsync($"/runners/{runner}/runs/{runId}")).ShouldBeJson(HttpStatusCode.OK)).ToJsonString()
            .ShouldBe(patched.ToJsonString());

        var removed = await (await client.PatchMerge($"/runners/{runner}/runs/{runId}", """{ "notes": null, "shoes": "Road 5" }"""))
            .ShouldBeJson(HttpStatusCode.OK);
        removed["notes"].ShouldBeNull();
        removed["shoes"]!.GetValue<string>().ShouldBe("Road 5");
        removed["routeName"]!.GetValue<string>().ShouldBe("Riverside loop");

        // The same values again, or nothing at all: no change, nothing appended.
        (await (await client.PatchMerge($"/runners/{runner}/runs/{runId}", """{ "shoes": "Road 5" }""")).ShouldBeJson(HttpStatusCode.OK))
            .ToJsonString().ShouldBe(removed.ToJsonString());
        (await client.PatchMerge($"/runners/{runner}/runs/{runId}", "{}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await EventTypes(runner)).ShouldBe([typeof(RunLogged), typeof(RunCorrected), typeof(RunCorrected)]);
    }

    [Fact]
    public async Task a_patch_is_judged_whole_by_the_rules_of_put_and_every_invalid_field_is_named_at_once()
    {
        const string runner = "runner-patch-invalid";
        var client = api.ClientFor(runner);
        var runId = await client.Create($"/runners/{runner}/runs", Scenarios.Run());
        var url = $"/runners/{runner}/runs/{runId}";

        (await (await client.PatchMerge(url, """{ "distanceKm": 400, "perceivedEffort": 0, "surface": null }"""))
            .ShouldBeProblem(HttpStatusCode.BadRequest))
            .ErrorFields().ShouldBe(["distanceKm", "perceivedEffort", "surface"]);
        (await (await client.PatchMerge(url, """{ "surface": "sand", "durationSeconds": "long", "pace": 5 }"""))
            .ShouldBeProblem(HttpStatusCode.BadRequest))
            .ErrorFields().ShouldBe(["pace"]);
        (await (await client.PatchMerge(url, """{ "surface": "sand", "durationSeconds": "long" }"""))
            .ShouldBeProblem(HttpStatusCode.BadRequest))
            .ErrorFields().ShouldBe(["durationSeconds", "surface"]);
        await (await client.PatchMerge(url, "[1, 2]")).ShouldBeProblem(HttpStatusCode.BadRequest);
        await (await client.PatchMerge(url, "{ not json")).ShouldBeProblem(HttpStatusCode.BadRequest);
        await (await client.PatchMerge(url, """{ "distanceKm": 9 }""", "application/json"))
            .ShouldBeProblem(HttpStatusCode.UnsupportedMediaType);
        await (await client.PatchMerge(url, """{ "distanceKm": 9 }""", "text/plain")).ShouldBeProblem(HttpStatusCode.UnsupportedMediaType);
        await (await client.PatchMerge($"/runners/{runner}/runs/{Guid.NewGuid()}", """{ "distanceKm": 9 }"""))
            .ShouldBeProblem(HttpStatusCode.NotFound);
        (await EventTypes(runner)).ShouldBe([typeof(RunLogged)]);
    }

    [Fact]
    public async Task a_pain_report_patch_merges_red_flag_answers_one_by_one_and_checks_a_linked_run()
    {
        const string runner = "runner-patch-pain";
        var client = api.ClientFor(runner);
        var reportId = await client.Create($"/runners/{runner}/pain-reports", Scenarios.Pain()
            .With("redFlags", new { painAtRest = true, painAtNight = true }));
        var url = $"/runners/{runner}/pain-reports/{reportId}";

        var patched = await (await client.PatchMerge(url, """{ "redFlags": { "painAtNight": false }, "score": 5 }"""))
            .ShouldBeJson(HttpStatusCode.OK);

        patched["score"]!.GetValue<int>().ShouldBe(5);
        patched["redFlags"]!["painAtRest"]!.GetValue<bool>().ShouldBeTrue();
        patched["redFlags"]!["painAtNight"]!.GetValue<bool>().ShouldBeFalse();
        patched["notes"]!.GetValue<string>().ShouldBe("tight after hills");
        (await (await client.PatchMerge(url, """{ "redFlags": { "painAtDawn": true } }""")).ShouldBeProblem(HttpStatusCode.BadRequest))
            .ErrorFields().ShouldBe(["redFlags.painAtDawn"]);
        (await (await client.PatchMerge(url, $$"""{ "runId": "{{Guid.NewGuid()}}" }"""))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity))
            .ErrorFields().ShouldBe(["runId"]);
        (await EventTypes(runner)).ShouldBe([typeof(PainReported), typeof(PainReportCorrected)]);
    }

    /// <summary>The examples of RFC 7396, appendix A.</summary>
    [Theory]
    [InlineData("""{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"b":"c"}""", """{"a":"b","b":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"a":null}""", """{}""")]
    [InlineData("""{"a":"b","b":"c"}""", """{"a":null}""", """{"b":"c"}""")]
    [InlineData("""{"a":["b"]}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"c"}""", """{"a":["b"]}""", """{"a":["b"]}""")]
    [InlineData("""{"a":{"b":"c"}}""", """{"a":{"b":"d","c":null}}""", """{"a":{"b":"d"}}""")]
    [InlineData("""{"a":[{"b":"c"}]}""", """{"a":[1]}""", """{"a":[1]}""")]
    [InlineData("""{"e":null}""", """{"a":1}""", """{"e":null,"a":1}""")]
    [InlineData("""{}""", """{"a":{"bb":{"ccc":null}}}""", """{"a":{"bb":{}}}""")]
    public void the_merge_follows_rfc_7396(string target, string patch, string result)
    {
        var merged = JsonNode.Parse(target)!.AsObject();
        MergePatch.Merge(merged, JsonNode.Parse(patch)!.AsObject());
        merged.ToJsonString().ShouldBe(result);
    }
}
