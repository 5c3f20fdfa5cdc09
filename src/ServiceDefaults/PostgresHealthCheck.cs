using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace HipLog.ServiceDefaults;

/// <summary>Ready means PostgreSQL answers a query within the check's time; shared by the Api and the Worker.</summary>
public sealed class PostgresHealthCheck(string connectionString) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await connection.OpenAsync(timeout.Token);
            await using var command = new NpgsqlCommand("select 1", connection);
            await command.ExecuteScalarAsync(timeout.Token);
            return HealthCheckResult.Healthy("PostgreSQL answers");
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            // The message names the failure, never the connection string with its password.
            return HealthCheckResult.Unhealthy("PostgreSQL does not answer: " + e.GetType().Name);
        }
    }
}
