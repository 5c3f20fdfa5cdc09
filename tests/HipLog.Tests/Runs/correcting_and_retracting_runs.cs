using System.Net;
using HipLog.Domain.Runs;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;
using Marten;
using Npgsql;

namespace HipLog.Tests.Runs;

public sealed class correcting_and_retracting_runs(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HipLogApi api = fixture.Api;

    [Fact]
    public async Task a_correction_answers_the_run_as_corrected()
    {
        var runner = api.Runner("runner-correct");
        var run = await runner.Runs.CreateAsync();

        var corrected = await runner.Runs.CorrectAsync(run.Id, Sample.Run(distanceKm: 10.2, effort: 7) with { Surface = Surface.Road });

        corrected.ShouldBe(run with { DistanceKm = 10.2, PerceivedEffort = 7, Surface = Surface.Road, Corrections = 1 });
    }

    [Fact]
    public async Task a_corrected_run_is_read_as_corrected()
    {
        var runner = api.Runner("runner-correct-read");
        var run = await runner.Runs.CreateAsync();

        var corrected = await runner.Runs.CorrectAsync(run.Id, Sample.Run(distanceKm: 10.2));

        (await runner.Runs.ReadAsync(run.Id)).ShouldBe(corrected);
    }

    [Fact]
    public async Task a_corrected_run_is_listed_as_corrected()
    {
        var runner = api.Runner("runner-correct-list");
        var run = await runner.Runs.CreateAsync();

        var corrected = await runner.Runs.CorrectAsync(run.Id, Sample.Run(distanceKm: 10.2));

        (await runner.Runs.ListAsync()).ShouldBe([corrected]);
    }

    [Fact]
    public async Task repeating_a_correction_records_nothing_more()
    {
        var runner = api.Runner("runner-correct-twice");
        var run = await runner.Runs.CreateAsync();
        var first = await runner.Runs.CorrectAsync(run.Id, Sample.Run(distanceKm: 10.2));

        var again = await runner.Runs.CorrectAsync(run.Id, Sample.Run(distanceKm: 10.2));

        again.ShouldBe(first);
        (await runner.StoredEventTypesAsync()).ShouldBe([typeof(RunLogged), typeof(RunCorrected)]);
    }

    [Fact]
    public async Task a_retracted_run_leaves_every_read()
    {
        var runner = api.Runner("runner-retract");
        var kept = await runner.Runs.CreateAsync(Sample.Run("2026-11-24T07:00:00+01:00"));
        var retracted = await runner.Runs.CreateAsync();

        (await runner.Runs.RetractAsync(retracted.Id)).IsEmpty(HttpStatusCode.NoContent);

        (await runner.Runs.GetAsync(retracted.Id)).IsProblem(HttpStatusCode.NotFound);
        (await runner.Runs.ListAsync()).ShouldBe([kept]);
        (await runner.StoredEventTypesAsync()).ShouldBe([typeof(RunLogged), typeof(RunLogged), typeof(RunRetracted)]);
    }

    [Fact]
    public async Task a_retracted_run_cannot_be_retracted_again()
    {
        var runner = api.Runner("runner-retract-twice");
        var run = await runner.Runs.CreateAsync();
        await runner.Runs.RetractAsync(run.Id);

        (await runner.Runs.RetractAsync(run.Id)).IsProblem(HttpStatusCode.NotFound);

        (await runner.StoredEventTypesAsync()).ShouldBe([typeof(RunLogged), typeof(RunRetracted)]);
    }

    [Fact]
    public async Task a_retracted_run_cannot_be_corrected()
    {
        var runner = api.Runner("runner-retract-correct");
        var run = await runner.Runs.CreateAsync();
        await runner.Runs.RetractAsync(run.Id);

        (await runner.Runs.PutAsync(run.Id, Sample.Run())).IsProblem(HttpStatusCode.NotFound);

        (await runner.StoredEventTypesAsync()).ShouldBe([typeof(RunLogged), typeof(RunRetracted)]);
    }

    [Fact]
    public async Task another_runners_run_is_not_found_under_your_own_path()
    {
        var owner = api.Runner("runner-theirs");
        var theirs = await owner.Runs.CreateAsync();
        var other = api.Runner("runner-mine");

        foreach (var answer in new[]
                 {
                     await other.Runs.GetAsync(theirs.Id),
                     await other.Runs.PutAsync(theirs.Id, Sample.Run(distanceKm: 1)),
                     await other.Runs.RetractAsync(theirs.Id),
                 })
            answer.IsProblem(HttpStatusCode.NotFound).Detail!.ShouldNotContain("Riverside");

        (await owner.Runs.ListAsync()).ShouldBe([theirs]);
        (await other.StoredEventTypesAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task an_invalid_correction_names_every_invalid_field()
    {
        var runner = api.Runner("runner-bad-correction");
        var run = await runner.Runs.CreateAsync();

        var answer = await runner.Runs.PutAsync(run.Id, Sample.Run(distanceKm: 400, effort: 0));

        answer.IsProblem(HttpStatusCode.BadRequest).Fields.ShouldBe(["distanceKm", "perceivedEffort"]);
    }

    [Fact]
    public async Task an_invalid_correction_leaves_the_run_as_it_was()
    {
        var runner = api.Runner("runner-bad-correction-kept");
        var run = await runner.Runs.CreateAsync();

        await runner.Runs.PutAsync(run.Id, Sample.Run(distanceKm: 400));

        (await runner.Runs.ReadAsync(run.Id)).ShouldBe(run);
        (await runner.StoredEventTypesAsync()).ShouldBe([typeof(RunLogged)]);
    }

    [Fact]
    public async Task a_correction_of_an_id_that_is_not_a_guid_is_not_found()
    {
        var runner = api.Runner("runner-not-a-guid");

        (await runner.PutAsync($"{runner.Runs.Path}/not-a-guid", Sample.Run())).IsProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task the_store_keeps_the_original_event_untouched_beside_what_followed_it()
    {
        var runner = api.Runner("runner-history");
        var run = await runner.Runs.CreateAsync(Sample.Run(distanceKm: 5));
        var originalJson = await RawEventData("runner-history", 1);

        await runner.Runs.CorrectAsync(run.Id, Sample.Run(distanceKm: 6));
        (await runner.Runs.RetractAsync(run.Id)).IsEmpty(HttpStatusCode.NoContent);

        (await RawEventData("runner-history", 1)).ShouldBe(originalJson);
        var events = await runner.StoredEventsAsync();
        events.Select(e => e.Version).ShouldBe([1L, 2L, 3L]);
        ((RunLogged)events[0].Data).Run.DistanceKm.ShouldBe(5);
        ((RunCorrected)events[1].Data).Run.DistanceKm.ShouldBe(6);
        ((RunRetracted)events[2].Data).RunId.ShouldBe(run.Id);
        await using var session = api.Store.QuerySession();
        (await session.LoadAsync<RunView>(run.Id)).ShouldBeNull();
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
