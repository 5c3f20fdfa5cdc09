using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace HipLog.Api.Http.Writes;

/// <summary>
/// Writes to one runner take turns, inside this Api and across every Api on the same database: a second write waits
/// for the first to commit instead of racing it, so both succeed and neither is replayed. A race would not always
/// show as a conflict: appends to a runner's stream never conflict on its version, so two retractions of one run sent
/// to two Apis at once would both pass their check and both be stored. Reads never wait, and writes to different
/// runners never wait for each other.
/// </summary>
/// <remarks>
/// The turn inside this process comes first, so that writes queued here wait without holding a connection. Then a
/// PostgreSQL advisory lock on the runner is taken in a transaction on a connection of its own (its own small pool, so
/// writes waiting for a lock can never take every connection the writes themselves need); the transaction ends with
/// the request and releases the lock, and a killed Api's lock goes with its connection.
/// </remarks>
public sealed class RunnerWriteLock(RequestDelegate next, RunnerLocks locks)
{
    // One table per Api (the middleware is made once per pipeline), not per process: two Apis in one test process
    // must not share their turns, or the lock across Apis would go untested.
    private readonly Dictionary<string, Turn> turns = new(StringComparer.Ordinal);

    public async Task InvokeAsync(HttpContext http)
    {
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method)
            || http.GetRouteValue("runnerId") is not string runnerId)
        {
            await next(http);
            return;
        }

        var turn = Enter(runnerId);
        try
        {
            await turn.Gate.WaitAsync(http.RequestAborted);
            try
            {
                await using var shared = await locks.TakeAsync(runnerId, http.RequestAborted);
                await next(http);
            }
            finally
            {
                turn.Gate.Release();
            }
        }
        finally
        {
            Leave(runnerId, turn);
        }
    }

    private Turn Enter(string runnerId)
    {
        lock (turns)
        {
            if (!turns.TryGetValue(runnerId, out var turn))
                turns[runnerId] = turn = new Turn();
            turn.Holders++;
            return turn;
        }
    }

    private void Leave(string runnerId, Turn turn)
    {
        lock (turns)
        {
            // The last one out removes the gate, so the table holds only runners with a write in flight.
            if (--turn.Holders == 0)
                turns.Remove(runnerId);
        }
    }

    private sealed class Turn
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public int Holders;
    }
}

/// <summary>The runners' advisory locks in PostgreSQL, shared by every Api on the database.</summary>
public sealed class RunnerLocks(NpgsqlDataSource connections) : IDisposable
{
    /// <summary>The first key of the two-key advisory locks: "HpLg". Marten's own locks use one-key locks, a space of their own.</summary>
    public const int Space = 0x48704C67;

    /// <summary>The lock connections' own pool: at most this many writes hold a runner's lock at once in one Api.</summary>
    public const int MaxConnections = 32;

    public static RunnerLocks For(string connectionString) => new(new NpgsqlDataSourceBuilder(
        new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = MaxConnections, ApplicationName = "hiplog-api-runner-locks" }.ConnectionString).Build());

    /// <summary>The same number in every process (string.GetHashCode is not): a collision only makes two runners take turns.</summary>
    public static int KeyOf(string runnerId) => BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(runnerId)), 0);

    public async Task<IAsyncDisposable> TakeAsync(string runnerId, CancellationToken ct)
    {
        var connection = await connections.OpenConnectionAsync(ct);
        try
        {
            var transaction = await connection.BeginTransactionAsync(ct);
            await using (var take = new NpgsqlCommand("select pg_advisory_xact_lock(@space, @key)", connection, transaction))
            {
                take.Parameters.AddWithValue("space", Space);
                take.Parameters.AddWithValue("key", KeyOf(runnerId));
                await take.ExecuteNonQueryAsync(ct);
            }

            return new Held(connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public void Dispose() => connections.Dispose();

    private sealed class Held(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                // Ending the transaction releases the lock; nothing was written in it.
                await transaction.RollbackAsync(CancellationToken.None);
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                // The connection broke (PostgreSQL restarted, say): its lock went with it, and the pool drops it.
            }
            finally
            {
                await transaction.DisposeAsync();
                await connection.DisposeAsync();
            }
        }
    }
}
