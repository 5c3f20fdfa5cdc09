using System.Net;
using HipLog.Domain.Runs;
using HipLog.Tests.Support;
using Marten;
using Npgsql;

namespace HipLog.Tests.Runs;

public sealed class correcting_and_retracting_runs(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HipLogApi api = fixture.Api;

    [Fact]
    public async Task a_correction_replaces_the_run_in_every_read_and_repeating_it_records_nothing()
    {
        var client = api.ClientFor("runner-correct");
        var runId = await client.Create("/runners/runner-correct/runs", Scenarios.Run());
        var corrected = Scenarios.Run(distanceKm: 10.2, effort: 7).With("surface", "road");

        var first = await (await client.PutJson($"/runners/runner-correct/runs/{runId}", corrected)).ShouldBeJson(HttpStatusCode.OK);
        var again = await (await client.PutJson($"/runners/runner-correct/runs/{runId}", corrected)).ShouldBeJson(HttpStatusCode.OK);

        first["distanceKm"]!.GetValue<double>().ShouldBe(10.2);
        first["corrections"]!.GetValue<int>().ShouldBe(1);
        again.ToJsonString().ShouldBe(first.ToJsonString());
        var read = await (await client.GetAsync($"/runners/runner-correct/runs/{runId}")).ShouldBeJson(HttpStatusCode.OK);
        read.ToJsonString().ShouldBe(first.ToJsonString());
        (await client.List("/runners/runner-correct/runs")).Single()!["surface"]!.GetValue<string>().ShouldBe("road");
        (await EventTypes("runner-correct")).ShouldBe([typeof(RunLogged), typeof(RunCorrected)]);
    }

    [Fact]
    public async Task a_retracted_run_leaves_every_read_and_cannot_be_corrected_or_retracted_again()
    {
        var client = api.ClientFor("runner-retract");
        var kept = await client.Create("/runners/runner-retract/runs", Scenarios.Run("2026-11-24T07:00:00+01:00"));
        var retracted = await client.Create("/runners/runner-retract/runs", Scenarios.Run());

        (await client.DeleteAsync($"/runners/runner-retract/runs/{retracted}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await (await client.GetAsync($"/runners/runner-retract/runs/{retracted}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await client.DeleteAsync($"/runners/runner-retract/runs/{retracted}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await client.PutJson($"/runners/runner-retract/runs/{retracted}", Scenarios.Run())).ShouldBeProblem(HttpStatusCode.NotFound);
        (await client.List("/runners/runner-retract/runs")).Select(r => r!["id"]!.GetValue<Guid>()).ShouldBe([kept]);
        (await EventTypes("runner-retract")).ShouldBe([typeof(RunLogged), typeof(RunLogged), typeof(RunRetracted)]);
    }

    [Fact]
    public async Task another_runners_run_is_not_found_under_your_own_path()
    {
        var owner = api.ClientFor("runner-theirs");
        var theirs = await owner.Create("/runners/runner-theirs/runs", Scenarios.Run());
        var other = api.ClientFor("runner-mine");

        foreach (var response in new[]
                 {
                     await other.GetAsync($"/runners/runner-mine/runs/{theirs}"),
                     await other.PutJson($"/runners/runner-mine/runs/{theirs}", Scenarios.Run(distanceKm: 1)),
                     await other.DeleteAsync($"/runners/runner-mine/runs/{theirs}"),
                 })
            (await response.ShouldBeProblem(HttpStatusCode.NotFound)).ToJsonString().ShouldNotContain("Riverside");

        (await owner.List("/runners/runner-theirs/runs")).Single()!["distanceKm"]!.GetValue<double>().ShouldBe(8.4);
        (await EventTypes("runner-mine")).ShouldBeEmpty();
    }

    [Fact]
    public async Task an_invalid_correction_is_refused_and_the_run_stays_as_it_was()
    {
        var client = api.ClientFor("runner-bad-correction");
        var runId = await client.Create("/runners/runner-bad-correction/runs", Scenarios.Run());

        var problem = await (await client.PutJson($"/runners/runner-bad-correction/runs/{runId}",
            Scenarios.Run(distanceKm: 400, effort: 0)))
            .ShouldBeProblem(HttpStatusCode.BadRequest);

        problem.ErrorFields().ShouldBe(["distanceKm", "perceivedEffort"]);
        (await (await client.GetAsync($"/runners/runner-bad-correction/runs/{runId}"))
            .ShouldBeJson(HttpStatusCode.OK))["distanceKm"]!.GetValue<double>().ShouldBe(8.4);
        await (await client.PutJson("/runners/runner-bad-correction/runs/not-a-guid", Scenarios.Run()))
            .ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task the_store_keeps_the_original_event_untouched_beside_its_correction_and_retraction()
    {
        var client = api.ClientFor("runner-history");
        var runId = await client.Create("/runners/runner-history/runs", Scenarios.Run(distanceKm: 5));
        var originalJson = await RawEventData("runner-history", 1);

        (await client.PutJson($"/runners/runner-history/runs/{runId}", Scenarios.Run(distanceKm: 6))).EnsureSuccessStatusCode();
        (await client.DeleteAsync($"/runners/runner-history/runs/{runId}")).EnsureSuccessStatusCode();

        (await RawEventData("runner-history", 1)).ShouldBe(originalJson);
        await using var session = api.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync("runner-history");
        events.Select(e => e.Version).ShouldBe([1L, 2L, 3L]);
        ((RunLogged)events[0].Data).Run.DistanceKm.ShouldBe(5);
        ((RunCorrected)events[1].Data).Run.DistanceKm.ShouldBe(6);
        ((RunRetracted)events[2].Data).RunId.ShouldBe(runId);
        (await session.LoadAsync<RunView>(runId)).ShouldBeNull();
    }

    private async Task<Type[]> EventTypes(string runnerId)
    {
        await using var session = api.Store.QuerySession();
        return (await session.Events.FetchStreamAsync(runnerId)).Select(e => e.EventType).ToArray();
    }

    /// <summary>The stored JSON itself, read with SQL, so that a rewrite by any code path would show.</summary>
    private async Task<string> RawEventData(string runnerId, long version)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select data::text || '|' || seq_id || '|' || timestamp from hiplog.mt_events where " +
            "stream_id = @s and version = @v", connection)
        {
            Parameters = { new("s", runnerId), new("v", version) },
        };
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
