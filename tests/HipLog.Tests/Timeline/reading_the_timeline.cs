using System.Net;
using System.Text.Json.Nodes;
using HipLog.Api.Http.Lists;
using HipLog.Tests.Support;

namespace HipLog.Tests.Timeline;

public sealed class reading_the_timeline(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HipLogApi api = fixture.Api;

    [Fact]
    public async Task shows_every_event_newest_first_with_a_summary_and_pages_backwards()
    {
        var client = api.ClientFor("runner-timeline");
        (await client.PutJson("/runners/runner-timeline/profile", new { displayName = "Tom", timeZone = "Europe/London" }))
            .EnsureSuccessStatusCode();
        var runId = await client.Create("/runners/runner-timeline/runs", Scenarios.Run(distanceKm: 8.4));
        await client.Create("/runners/runner-timeline/pain-reports", Scenarios.Pain(score: 4).With("runId", runId));
        await client.Create("/runners/runner-timeline/stretch-sessions", Scenarios.Session(exerciseIds: ["garland-pose"]));
        (await client.DeleteAsync($"/runners/runner-timeline/runs/{runId}")).EnsureSuccessStatusCode();

        var page1 = await Page(client, "?limit=3");
        var page2 = await Page(client, $"?limit=3&before={page1["nextBefore"]}");

        Types(page1).ShouldBe(["run-retracted", "stretch-session-completed", "pain-reported"]);
        Types(page2).ShouldBe(["run-logged", "runner-registered"]);
        page2["nextBefore"].ShouldBeNull();
        var runLogged = page2["items"]![0]!;
        runLogged["summary"]!.GetValue<string>().ShouldBe("Logged an 8.4 km trail run of 45 min at effort 6/10.");
        runLogged["entryId"]!.GetValue<Guid>().ShouldBe(runId);
        runLogged["occurredAt"]!.GetValue<string>().ShouldBe("2026-11-25T07:10:00+01:00");
        page1["items"]![1]!["summary"]!.GetValue<string>()
            .ShouldBe("Completed a stretch session: Garland pose (deep squat) (pain 4 → 2).");
        page1["items"]![2]!["summary"]!.GetValue<string>().ShouldBe("Reported 4/10 ache pain, front hip, on the left side, after run.");
    }

    [Fact]
    public async Task the_times_hiplog_stamps_are_on_the_runners_clock_and_the_runners_own_keep_their_offset()
    {
        var client = api.ClientFor("runner-timeline-clock");
        (await client.PutJson("/runners/runner-timeline-clock/profile", new { displayName = "Ana", timeZone = "Asia/Tokyo" }))
            .EnsureSuccessStatusCode();
        var runId = await client.Create("/runners/runner-timeline-clock/runs", Scenarios.Run("2026-11-25T07:10:00+01:00"));
        (await client.DeleteAsync($"/runners/runner-timeline-clock/runs/{runId}")).EnsureSuccessStatusCode();

        var items = (await Page(client, ""))["items"]!.AsArray();

        // The Api's clock reads 2026-11-26 08:00 UTC: 17:00 in Tokyo.
        items.Select(i => i!["recordedAt"]!.GetValue<string>()).ShouldAllBe(t => t == "2026-11-26T17:00:00+09:00");
        items[0]!["occurredAt"]!.GetValue<string>().ShouldBe("2026-11-26T17:00:00+09:00", "a retraction happens when HipLog records it");
        items[1]!["occurredAt"]!.GetValue<string>().ShouldBe("2026-11-25T07:10:00+01:00", "a run keeps the offset the runner gave");
    }

    [Fact]
    public async Task an_empty_log_is_an_empty_page_and_bad_paging_is_a_400()
    {
        var client = api.ClientFor("runner-timeline-empty");

        var empty = await Page(client, "");
        empty["items"]!.AsArray().ShouldBeEmpty();
        (await (await client.GetAsync("/runners/runner-timeline-empty/timeline?limit=0")).ShouldBeProblem(HttpStatusCode.BadRequest))
            .ErrorFields().ShouldBe(["limit"]);
        await (await client.GetAsync("/runners/runner-timeline-empty/timeline?before=abc")).ShouldBeProblem(HttpStatusCode.BadRequest);
    }

    private static async Task<JsonNode> Page(HttpClient client, string query) =>
        await (await client.GetAsync($"/runners/{RunnerOf(client)}/timeline{query}")).ShouldBeJson(HttpStatusCode.OK);

    private static string RunnerOf(HttpClient client) => client.DefaultRequestHeaders.GetValues("X-Test-Runner").Single();

    private static string[] Types(JsonNode page) => page["items"]!.AsArray().Select(i => i!["type"]!.GetValue<string>()).ToArray();
}
