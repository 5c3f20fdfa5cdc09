using System.Net;
using System.Text.Json.Nodes;
using HipLog.Domain.Runs;
using HipLog.Tests.Support;
using Marten;

namespace HipLog.Tests.Runs;

public sealed class logging_runs(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private const string Started = """{"startedAt":"2026-11-25T07:10:00+01:00",""";

    private readonly HipLogApi api = fixture.Api;

    private static object Run(string startedAt = "2026-11-25T07:10:00+01:00", double distanceKm = 8.4, int effort = 6) => new
    {
        startedAt, distanceKm, durationSeconds = 2700, perceivedEffort = effort, surface = "trail",
        routeName = "Riverside loop", shoes = "Trail 3", notes = "Easy, hip fine",
    };

    [Fact]
    public async Task a_logged_run_is_read_back_with_its_offset_and_every_field()
    {
        var client = api.ClientFor("runner-read-back");

        var created = await client.PostJson("/runners/runner-read-back/runs", Run());

        var body = await created.ShouldBeJson(HttpStatusCode.Created);
        var id = body["id"]!.GetValue<Guid>();
        created.Headers.Location!.ToString().ShouldBe($"/runners/runner-read-back/runs/{id}");

        var single = await (await client.GetAsync(created.Headers.Location)).ShouldBeJson(HttpStatusCode.OK);
        single.ToJsonString().ShouldBe(body.ToJsonString());
        single["startedAt"]!.GetValue<string>().ShouldBe("2026-11-25T07:10:00+01:00");
        single["surface"]!.GetValue<string>().ShouldBe("trail");
        single["routeName"]!.GetValue<string>().ShouldBe("Riverside loop");

        var list = await client.List("/runners/runner-read-back/runs");
        list.Select(r => r!["id"]!.GetValue<Guid>()).ShouldBe([id]);
    }

    [Fact]
    public async Task the_range_counts_whole_local_days_of_the_runners_zone()
    {
        var client = api.ClientFor("runner-range");
        (await client.PutJson("/runners/runner-range/profile", new { displayName = "Ana", timeZone = "Europe/Berlin" }))
            .EnsureSuccessStatusCode();
        // 23:30 in Berlin on the 24th is already the 24th at 22:30 UTC; the next one is the 25th locally.
        foreach (var start in new[] { "2026-11-23T23:30:00+01:00", "2026-11-24T23:30:00+01:00", "2026-11-25T00:15:00+01:00",
            "2026-11-26T06:00:00Z" })
            (await client.PostJson("/runners/runner-range/runs", Run(start))).StatusCode.ShouldBe(HttpStatusCode.Created);

        async Task<string[]> Starts(string query) =>
            (await client.List($"/runners/runner-range/runs{query}"))
            .Select(r => r!["startedAt"]!.GetValue<string>()).ToArray();

        (await Starts("?from=2026-11-24&to=2026-11-25")).ShouldBe(["2026-11-24T23:30:00+01:00", "2026-11-25T00:15:00+01:00"]);
        (await Starts("?from=2026-11-26")).ShouldBe(["2026-11-26T06:00:00+00:00"]);
        (await Starts("?to=2026-11-23T23:59:00+01:00")).ShouldBe(["2026-11-23T23:30:00+01:00"]);
        // An unencoded '+' arrives as a space and is still understood.
        (await Starts("?from=2026-11-25T00:00:00+01:00&to=2026-11-25T23:59:59+01:00")).ShouldBe(["2026-11-25T00:15:00+01:00"]);
    }

    [Fact]
    public async Task out_of_range_fields_are_all_named_in_one_problem()
    {
        var client = api.ClientFor("runner-invalid");

        var response = await client.PostJson("/runners/runner-invalid/runs", new
        {
            startedAt = "2026-11-25T07:10:00+01:00", distanceKm = -3.0, durationSeconds = 0, perceivedEffort = 11, surface = "road",
            notes = new string('x', 2001),
        });

        var problem = await response.ShouldBeProblem(HttpStatusCode.BadRequest);
        problem.ErrorFields().ShouldBe(["distanceKm", "durationSeconds", "notes", "perceivedEffort"]);
        await NothingStored(client, "runner-invalid");
    }

    [Fact]
    public async Task missing_fields_and_a_start_too_far_ahead_are_rejected()
    {
        var client = api.ClientFor("runner-missing");

        var missing = await client.PostRaw("/runners/runner-missing/runs", "{}");
        (await missing.ShouldBeProblem(HttpStatusCode.BadRequest)).ErrorFields()
            .ShouldBe(["distanceKm", "durationSeconds", "perceivedEffort", "startedAt", "surface"]);

        var ahead = api.Clock.GetUtcNow().AddHours(25).ToString("yyyy-MM-dd'T'HH:mm:sszzz");
        var future = await client.PostJson("/runners/runner-missing/runs", Run(ahead));
        (await future.ShouldBeProblem(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["startedAt"]);
        await NothingStored(client, "runner-missing");
    }

    [Theory]
    [InlineData("{\"distanceKm\": 8.4,", null)]
    [InlineData("not json", null)]
    [InlineData("null", null)]
    [InlineData(Started + """ "distanceKm":8,"durationSeconds":60,"perceivedEffort":5,"surface":"mud"}""", "surface")]
    [InlineData(Started + """ "distanceKm":8,"durationSeconds":60,"perceivedEffort":5,"surface":"road","pace":4}""", "pace")]
    [InlineData(Started + """ "distanceKm":"far","durationSeconds":60,"perceivedEffort":5,"surface":"road"}""", "distanceKm")]
    [InlineData(Started + """ "distanceKm":8,"durationSeconds":60,"perceivedEffort":5,"surface":1}""", "surface")]
    public async Task unreadable_bodies_get_a_400_problem_naming_the_field_when_known(string json, string? field)
    {
        var client = api.ClientFor("runner-malformed");

        var problem = await (await client.PostRaw("/runners/runner-malformed/runs", json)).ShouldBeProblem(HttpStatusCode.BadRequest);

        if (field is not null)
            problem.ErrorFields().ShouldBe([field]);
        problem["detail"]!.GetValue<string>().ShouldNotContain("HipLog.");
        await NothingStored(client, "runner-malformed");
    }

    [Fact]
    public async Task a_start_time_without_an_offset_is_refused_rather_than_guessed()
    {
        var client = api.ClientFor("runner-no-offset");

        var problem = await (await client.PostJson("/runners/runner-no-offset/runs", Run("2026-11-25T07:10:00")))
            .ShouldBeProblem(HttpStatusCode.BadRequest);

        problem["detail"]!.GetValue<string>().ShouldContain("offset");
    }

    [Fact]
    public async Task a_body_that_is_not_json_is_415_and_a_bad_range_is_400()
    {
        var client = api.ClientFor("runner-media");

        await (await client.PostAsync("/runners/runner-media/runs", new StringContent("distance=8")))
            .ShouldBeProblem(HttpStatusCode.UnsupportedMediaType);
        (await (await client.GetAsync("/runners/runner-media/runs?from=yesterday")).ShouldBeProblem(HttpStatusCode.BadRequest))
            .ErrorFields().ShouldBe(["from"]);
        (await (await client.GetAsync("/runners/runner-media/runs?from=2026-11-25&to=2026-11-01"))
            .ShouldBeProblem(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["to"]);
        await (await client.GetAsync($"/runners/runner-media/runs/{Guid.NewGuid()}")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task fifty_simultaneous_runs_are_all_stored_with_contiguous_versions()
    {
        var client = api.ClientFor("runner-burst");

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            client.PostJson("/runners/runner-burst/runs", Run($"2026-11-{1 + i % 25:00}T07:{i % 60:00}:00+01:00", distanceKm: 5 + i))));

        responses.Select(r => r.StatusCode).Distinct().ShouldBe([HttpStatusCode.Created]);
        await using var session = api.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync("runner-burst");
        events.Select(e => e.Version).ShouldBe(Enumerable.Range(1, 50).Select(v => (long)v));
        events.Select(e => ((RunLogged)e.Data).Run.DistanceKm).Order().ShouldBe(Enumerable.Range(0, 50).Select(i => 5.0 + i));
        (await session.Query<RunView>().CountAsync(r => r.RunnerId == "runner-burst")).ShouldBe(50);
    }

    private async Task NothingStored(HttpClient client, string runnerId)
    {
        (await client.List($"/runners/{runnerId}/runs")).ShouldBeEmpty();
        await using var session = api.Store.QuerySession();
        (await session.Events.FetchStreamStateAsync(runnerId)).ShouldBeNull();
    }
}
