using System.Net;
using HipLog.Api.Http.Writes;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;
using Npgsql;

namespace HipLog.Tests.Http;

/// <summary>
/// The runner's turn across Apis is PostgreSQL's advisory lock, taken inside the write's transaction. Here a connection of
/// the test holds it, as another Api in the middle of a write to that runner would.
/// </summary>
public sealed class taking_turns(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HipLogApi api = fixture.Api;

    [Fact]
    public async Task a_write_waits_while_another_api_holds_the_runners_turn()
    {
        var runner = api.Runner("runner-turn-held");
        await using var otherApi = await HoldTurnAsync(runner.Id);

        var write = runner.Runs.PostAsync();

        await WaitersAsync(runner.Id, 1);
        write.IsCompleted.ShouldBeFalse();
        await otherApi.Transaction.CommitAsync();
        (await write).Status.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task the_turn_of_an_api_that_dies_mid_write_goes_with_its_connection()
    {
        var runner = api.Runner("runner-turn-killed");
        await using var otherApi = await HoldTurnAsync(runner.Id);
        var write = runner.Runs.PostAsync();
        await WaitersAsync(runner.Id, 1);

        await using (var admin = await OpenAsync())
        await using (var kill = new NpgsqlCommand("select pg_terminate_backend(@pid)", admin) { Parameters = { new("pid", otherApi.Pid) } })
            await kill.ExecuteScalarAsync();

        (await write).Status.ShouldBe(HttpStatusCode.Created);
        (await runner.StoredEventsAsync()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task writes_queued_in_one_api_wait_in_memory_with_one_connection_asking_for_the_lock()
    {
        var runner = api.Runner("runner-turn-queue");
        await using var otherApi = await HoldTurnAsync(runner.Id);

        var writes = Enumerable.Range(0, 8).Select(i => runner.Runs.PostAsync(Sample.Run($"2026-11-2{i}T07:00:00+01:00"))).ToList();
        await WaitersAsync(runner.Id, 1);
        await Task.Delay(300);
        (await WaitingConnectionsAsync(runner.Id)).ShouldBe(1);
        await otherApi.Transaction.CommitAsync();

        (await Task.WhenAll(writes)).Select(a => a.Status).Distinct().ShouldBe([HttpStatusCode.Created]);
        (await runner.StoredEventsAsync()).Count.ShouldBe(8);
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>A transaction holding the runner's lock, as the write of another Api does until it commits.</summary>
    private async Task<HeldTurn> HoldTurnAsync(string runnerId)
    {
        var connection = await OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var take = new NpgsqlCommand("select pg_advisory_xact_lock(@space, @key), pg_backend_pid()", connection, transaction)
        {
            Parameters = { new("space", RunnerTurns.LockSpace), new("key", RunnerTurns.LockKeyOf(runnerId)) },
        };
        await using var reader = await take.ExecuteReaderAsync();
        await reader.ReadAsync();
        var pid = reader.GetInt32(1);
        return new HeldTurn(connection, transaction, pid);
    }

    private Task WaitersAsync(string runnerId, int count) =>
        Eventually.Get(async () => await WaitingConnectionsAsync(runnerId) >= count ? "waiting" : null, "a write waiting for the lock");

    /// <summary>Connections waiting for the runner's lock (a two-key advisory lock is classid, objid and objsubid 2).</summary>
    private async Task<long> WaitingConnectionsAsync(string runnerId)
    {
        await using var connection = await OpenAsync();
        await using var count = new NpgsqlCommand("""
            select count(*) from pg_locks where locktype = 'advisory' and not granted
              and classid = (@space::bigint & 4294967295)::oid and objid = (@key::bigint & 4294967295)::oid and objsubid = 2
            """, connection)
        {
            Parameters = { new("space", RunnerTurns.LockSpace), new("key", RunnerTurns.LockKeyOf(runnerId)) },
        };
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private sealed record HeldTurn(NpgsqlConnection Connection, NpgsqlTransaction Transaction, int Pid) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Transaction.DisposeAsync();
            await Connection.DisposeAsync();
        }
    }
}
