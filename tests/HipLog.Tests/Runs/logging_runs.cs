using System.Net;
using HipLog.Api.Runs;
using HipLog.Domain.Runs;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;
using Marten;

namespace HipLog.Tests.Runs;

public sealed class logging_runs(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private const string Started = """{"startedAt":"2026-11-25T07:10:00+01:00",""";

    private readonly HipLogApi api = fixture.Api;

    [Fact]
    public async Task a_logged_run_is_answered_with_every_field_it_was_sent()
    {
        var runner = api.Runner("runner-logged");

        var run = await runner.Runs.CreateAsync(Sample.Run());

        run.ShouldBe(new RunResponse(run.Id, DateTimeOffset.Parse("2026-11-25T07:10:00+01:00"), 8.4, 2700, 6, Surface.Trail,
            "Riverside loop",
            "Trail 3", "easy", 0, null, null, null));
    }

    [Fact]
    public async Task a_logged_run_is_found_at_its_location_as_it_was_answered()
    {
        var runner = api.Runner("runner-read-back");

        var created = await runner.Runs.PostAsync();

        var run = created.Is<RunResponse>(HttpStatusCode.Created);
        created.Location.ShouldBe($"/runners/runner-read-back/runs/{run.Id}");
        (await runner.Runs.ReadAsync(run.Id)).ShouldBe(run);
    }

    [Fact]
    public async Task a_logged_run_keeps_the_offset_it_was_sent_with()
    {
        var runner = api.Runner("runner-offset");

        var created = await runner.Runs.PostAsync();

        System.Text.Json.Nodes.JsonNode.Parse(created.Body)!["startedAt"]!.GetValue<string>().ShouldBe("2026-11-25T07:10:00+01:00");
    }

    [Fact]
    public async Task a_logged_run_is_listed()
    {
        var runner = api.Runner("runner-listed");

        var run = await runner.Runs.CreateAsync();

        (await runner.Runs.ListAsync()).ShouldBe([run]);
    }

    [Theory]
    [InlineData("?from=2026-11-24&to=2026-11-25", new[] { "2026-11-24T23:30:00+01:00", "2026-11-25T00:15:00+01:00" })]
    [InlineData("?from=2026-11-26", new[] { "2026-11-26T06:00:00+00:00" })]
    [InlineData("?to=2026-11-23T23:59:00+01:00", new[] { "2026-11-23T23:30:00+01:00" })]
    // An unencoded '+' arrives as a space and is still understood.
    [InlineData("?from=2026-11-25T00:00:00+01:00&to=2026-11-25T23:59:59+01:00", new[] { "2026-11-25T00:15:00+01:00" })]
    public async Task a_range_counts_whole_local_days_of_the_runners_zone(string query, string[] starts)
    {
        var runner = api.Runner("runner-range" + Math.Abs(query.GetHashCode() % 10_000));
        await runner.Profiles.SetAsync(Sample.Profile("Ana", "Europe/Berlin"));
        // 23:30 in Berlin on the 24th is already the 24th at 22:30 UTC; the next one is the 25th locally.
        foreach (var start in new[] { "2026-11-23T23:30:00+01:00", "2026-11-24T23:30:00+01:00", "2026-11-25T00:15:00+01:00",
            "2026-11-26T06:00:00Z" })
            await runner.Runs.CreateAsync(Sample.Run(start));

        (await runner.Runs.ListAsync(query)).Select(r => r.StartedAt).ShouldBe(starts.Select(DateTimeOffset.Parse));
    }

    [Fact]
    public async Task every_out_of_range_field_is_named_in_one_problem()
    {
        var runner = api.Runner("runner-invalid");

        var answer = await runner.Runs.PostAsync(Sample.Run() with
        {
            DistanceKm = -3, DurationSeconds = 0, PerceivedEffort = 11, Surface = Surface.Road, Notes = new string('x', 2001),
        });

        answer.IsProblem(HttpStatusCode.BadRequest).Fields.ShouldBe(["distanceKm", "durationSeconds", "notes", "perceivedEffort"]);
    }

    [Fact]
    public async Task a_refused_run_stores_nothing()
    {
        var runner = api.Runner("runner-refused");

        await runner.Runs.PostAsync(Sample.Run() with { DistanceKm = -3 });

        await NothingStored(runner);
    }

    [Fact]
    public async Task every_missing_field_is_named()
    {
        var runner = api.Runner("runner-missing");

        var answer = await runner.Runs.PostAsync("{}");

        answer.IsProblem(HttpStatusCode.BadRequest)
            .Fields.ShouldBe(["distanceKm", "durationSeconds", "perceivedEffort", "startedAt", "surface"]);
    }

    [Fact]
    public async Task a_start_more_than_a_day_ahead_is_refused()
    {
        var runner = api.Runner("runner-ahead");

        var answer = await runner.Runs.PostAsync(Sample.Run() with { StartedAt = api.Clock.GetUtcNow().AddHours(25) });

        answer.IsProblem(HttpStatusCode.BadRequest).Fields.ShouldBe(["startedAt"]);
    }

    [Theory]
    [InlineData("{\"distanceKm\": 8.4,", null)]
    [InlineData("not json", null)]
    [InlineData("null", null)]
    [InlineData(Started + """ "distanceKm":8,"durationSeconds":60,"perceivedEffort":5,"surface":"mud"}""", "surface")]
    [InlineData(Started + """ "distanceKm":8,"durationSeconds":60,"perceivedEffort":5,"surface":"road","pace":4}""", "pace")]
    [InlineData(Started + """ "distanceKm":"far","durationSeconds":60,"perceivedEffort":5,"surface":"road"}""", "distanceKm")]
    [InlineData(Started + """ "distanceKm":8,"durationSeconds":60,"perceivedEffort":5,"surface":1}""", "surface")]
    public async Task an_unreadable_body_is_a_400_naming_the_field_when_known(string json, string? field)
    {
        var runner = api.Runner("runner-malformed");

        var problem = (await runner.Runs.PostAsync(json)).IsProblem(HttpStatusCode.BadRequest);

        problem.Fields.ShouldBe(field is null ? [] : [field]);
        problem.Detail!.ShouldNotContain("HipLog.");
        await NothingStored(runner);
    }

    [Fact]
    public async Task a_start_time_without_an_offset_is_refused_rather_than_guessed()
    {
        var runner = api.Runner("runner-no-offset");

        var answer = await runner.Runs.PostAsync(Started.Replace("+01:00", "")
            + """ "distanceKm":8,"durationSeconds":60,"perceivedEffort":5,"surface":"road"}""");

        answer.IsProblem(HttpStatusCode.BadRequest).Detail!.ShouldContain("offset");
    }

    [Fact]
    public async Task a_body_that_is_not_json_is_a_415()
    {
        var runner = api.Runner("runner-media");

        var answer = await runner.PostAsync(runner.Runs.Path, new StringContent("distance=8"));

        answer.IsProblem(HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("?from=yesterday", "from")]
    [InlineData("?from=2026-11-25&to=2026-11-01", "to")]
    public async Task a_bad_range_is_a_400_naming_it(string query, string field)
    {
        var runner = api.Runner("runner-bad-range");

        var answer = await runner.GetAsync(runner.Runs.Path + query);

        answer.IsProblem(HttpStatusCode.BadRequest).Fields.ShouldBe([field]);
    }

    [Fact]
    public async Task a_run_never_logged_is_not_found()
    {
        var runner = api.Runner("runner-no-such-run");

        (await runner.Runs.GetAsync(Guid.NewGuid())).IsProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task fifty_simultaneous_runs_are_all_stored_with_contiguous_versions()
    {
        var runner = api.Runner("runner-burst");

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            runner.Runs.PostAsync(Sample.Run($"2026-11-{1 + i % 25:00}T07:{i % 60:00}:00+01:00", distanceKm: 5 + i))));

        answers.Select(a => a.Status).Distinct().ShouldBe([HttpStatusCode.Created]);
        await using var session = api.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync("runner-burst");
        events.Select(e => e.Version).ShouldBe(Enumerable.Range(1, 50).Select(v => (long)v));
        events.Select(e => ((RunLogged)e.Data).Run.DistanceKm).Order().ShouldBe(Enumerable.Range(0, 50).Select(i => 5.0 + i));
        (await session.Query<RunView>().CountAsync(r => r.RunnerId == "runner-burst")).ShouldBe(50);
    }

    private async Task NothingStored(RunnerClient runner)
    {
        (await runner.Runs.ListAsync()).ShouldBeEmpty();
        await using var session = api.Store.QuerySession();
        (await session.Events.FetchStreamStateAsync(runner.Id)).ShouldBeNull();
    }
}
