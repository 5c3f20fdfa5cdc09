using System.Net;
using System.Text.Json.Nodes;
using HipLog.Api.Http.Writes;
using HipLog.Api.Pain;
using HipLog.Api.Runs;
using HipLog.Domain.Pain;
using HipLog.Domain.Runs;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;

namespace HipLog.Tests.Http;

/// <summary>PATCH with a JSON merge patch (RFC 7396) on runs and pain reports: only the fields sent change.</summary>
public sealed class patching_entries(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HipLogApi api = fixture.Api;

    [Fact]
    public async Task a_patch_changes_only_the_fields_it_sends()
    {
        var runner = api.Runner("runner-patch-run");
        var run = await runner.Runs.CreateAsync();

        var patched = (await runner.Runs.PatchAsync(run.Id, """{ "distanceKm": 9.1 }""")).Is<RunResponse>(HttpStatusCode.OK);

        patched.ShouldBe(run with { DistanceKm = 9.1, Corrections = 1 });
        (await runner.Runs.ReadAsync(run.Id)).ShouldBe(patched);
        (await runner.StoredEventTypesAsync()).ShouldBe([typeof(RunLogged), typeof(RunCorrected)]);
    }

    [Fact]
    public async Task null_removes_an_optional_field()
    {
        var runner = api.Runner("runner-patch-null");
        var run = await runner.Runs.CreateAsync();

        var patched = (await runner.Runs.PatchAsync(run.Id, """{ "notes": null, "shoes": "Road 5" }""")).Is<RunResponse>(HttpStatusCode.OK);

        patched.ShouldBe(run with { Notes = null, Shoes = "Road 5", Corrections = 1 });
    }

    [Theory]
    [InlineData("""{ "shoes": "Trail 3" }""")]
    [InlineData("{}")]
    public async Task a_patch_that_changes_nothing_appends_nothing(string patch)
    {
        var runner = api.Runner("runner-patch-same" + patch.Length);
        var run = await runner.Runs.CreateAsync();

        var answer = await runner.Runs.PatchAsync(run.Id, patch);

        answer.Is<RunResponse>(HttpStatusCode.OK).ShouldBe(run);
        (await runner.StoredEventTypesAsync()).ShouldBe([typeof(RunLogged)]);
    }

    [Theory]
    [InlineData("""{ "distanceKm": 400, "perceivedEffort": 0, "surface": null }""", new[] { "distanceKm", "perceivedEffort", "surface" })]
    [InlineData("""{ "surface": "sand", "durationSeconds": "long" }""", new[] { "durationSeconds", "surface" })]
    // An unknown field is the one thing named: the rest cannot be judged against a record it does not fit.
    [InlineData("""{ "surface": "sand", "durationSeconds": "long", "pace": 5 }""", new[] { "pace" })]
    public async Task the_patched_entry_is_judged_by_the_rules_of_put_naming_every_invalid_field(string patch, string[] fields)
    {
        var runner = api.Runner("runner-patch-invalid" + fields.Length);
        var run = await runner.Runs.CreateAsync();

        var answer = await runner.Runs.PatchAsync(run.Id, patch);

        answer.IsProblem(HttpStatusCode.BadRequest).Fields.ShouldBe(fields);
        (await runner.Runs.ReadAsync(run.Id)).ShouldBe(run);
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("{ not json")]
    public async Task a_patch_that_is_not_a_json_object_is_a_400(string patch)
    {
        var runner = api.Runner("runner-patch-shape");
        var run = await runner.Runs.CreateAsync();

        (await runner.Runs.PatchAsync(run.Id, patch)).IsProblem(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    public async Task a_patch_not_sent_as_a_merge_patch_is_a_415(string mediaType)
    {
        var runner = api.Runner("runner-patch-media");
        var run = await runner.Runs.CreateAsync();

        (await runner.Runs.PatchAsync(run.Id, """{ "distanceKm": 9 }""", mediaType)).IsProblem(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task a_patch_of_an_entry_never_made_is_not_found()
    {
        var runner = api.Runner("runner-patch-missing");

        (await runner.Runs.PatchAsync(Guid.NewGuid(), """{ "distanceKm": 9 }""")).IsProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task red_flag_answers_merge_one_by_one()
    {
        var runner = api.Runner("runner-patch-pain");
        var report = await runner.Pain.CreateAsync(Sample.Pain() with { RedFlags = new RedFlagsRequest(PainAtRest: true,
            PainAtNight: true) });

        var answer = await runner.Pain.PatchAsync(report.Id, """{ "redFlags": { "painAtNight": false }, "score": 5 }""");

        answer.Is<PainReportResponse>(HttpStatusCode.OK)
            .ShouldBe(report with { Score = 5, RedFlags = RedFlags.None with { PainAtRest = true }, Corrections = 1 });
    }

    [Fact]
    public async Task an_unknown_red_flag_is_named_by_its_path()
    {
        var runner = api.Runner("runner-patch-flag");
        var report = await runner.Pain.CreateAsync();

        var answer = await runner.Pain.PatchAsync(report.Id, """{ "redFlags": { "painAtDawn": true } }""");

        answer.IsProblem(HttpStatusCode.BadRequest).Fields.ShouldBe(["redFlags.painAtDawn"]);
    }

    [Fact]
    public async Task a_patched_link_to_a_run_never_logged_is_a_422()
    {
        var runner = api.Runner("runner-patch-link");
        var report = await runner.Pain.CreateAsync();

        var answer = await runner.Pain.PatchAsync(report.Id, $$"""{ "runId": "{{Guid.NewGuid()}}" }""");

        answer.IsProblem(HttpStatusCode.UnprocessableEntity).Fields.ShouldBe(["runId"]);
        (await runner.StoredEventTypesAsync()).ShouldBe([typeof(PainReported)]);
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
