using System.Diagnostics;
using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace HipLog.ServiceDefaults;

/// <summary>
/// Ready means PostgreSQL answers a query within 3 s, asked on the host's own pool (Marten's), so readiness opens no
/// pool of its own; shared by the Api and the Worker. The answer is kept for a second and one probe runs at a time:
/// a flood of anonymous readiness requests costs PostgreSQL at most one query a second per host.
/// </summary>
public sealed class PostgresHealthCheck(IDocumentStore store) : IHealthCheck
{
    private static readonly TimeSpan Kept = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim probing = new(1, 1);
    private (long At, HealthCheckResult Result)? last;
    private long probes;

    /// <summary>How many times PostgreSQL was asked.</summary>
    public long Probes => Interlocked.Read(ref probes);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (Fresh() is { } kept)
            return kept;
        await probing.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } justProbed)
                return justProbed;
            var result = await ProbeAsync(cancellationToken);
            // Real time, not the host's TimeProvider: a test's frozen clock must not keep an answer for ever.
            last = (Stopwatch.GetTimestamp(), result);
            return result;
        }
        finally
        {
            probing.Release();
        }
    }

    private HealthCheckResult? Fresh() =>
        last is { } l && Stopwatch.GetElapsedTime(l.At) < Kept ? l.Result : null;

    private async Task<HealthCheckResult> ProbeAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref probes);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await using var connection = store.Storage.Database.CreateConnection();
            await connection.OpenAsync(timeout.Token);
            await using var command = new NpgsqlCommand("select 1", connection);
            await command.ExecuteScalarAsync(timeout.Token);
            return HealthCheckResult.Healthy("PostgreSQL answers");
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException or InvalidOperationException)
        {
            // The message names the failure, never the connection string with its password.
            return HealthCheckResult.Unhealthy("PostgreSQL does not answer: " + e.GetType().Name);
        }
    }
}
