using Microsoft.Extensions.Configuration;
using Npgsql;

namespace HipLog.Domain.Storage;

/// <summary>
/// How many PostgreSQL connections a host may hold at most ("Database:MaxConnections"), every pool of it counted: the
/// Api's one pool (Marten's, which its readiness probe shares too), and the Worker's two (Marten's for the daemon, the
/// watch and the jobs' sessions; Hangfire's for its workers, its listener and its schedulers). A request holds none
/// while it waits for its body or its turn, so a host's pools never grow past this however many clients wait, and
/// n Apis and n Workers together hold at most n × (Api + Worker) (docs/operations.md, "Connections").
/// </summary>
public static class ConnectionBudget
{
    public const string Setting = "Database:MaxConnections";
    public const int ApiDefault = 20;
    public const int WorkerDefault = 20;

    /// <summary>The Worker's share for Hangfire: one per job worker, plus its listener, fetcher and two schedulers.</summary>
    public static int JobsShare(int jobWorkers) => jobWorkers + 4;

    public static int Of(IConfiguration configuration, int fallback) =>
        configuration.GetValue<int?>(Setting) is { } max && max > 0 ? max : fallback;

    private static int pools;

    /// <summary>
    /// The connection string with its pool capped at <paramref name="maxConnections"/> and named for pg_stat_activity.
    /// Npgsql pools connections by connection string, so each pool's name is also made unique in the process: two hosts in
    /// one process (the tests' two Workers) would otherwise share one pool, and each would get half its budget.
    /// </summary>
    public static string Capped(string connectionString, int maxConnections, string pool) =>
        new NpgsqlConnectionStringBuilder(connectionString)
        {
            MaxPoolSize = maxConnections,
            ApplicationName = $"hiplog-{pool}-{Interlocked.Increment(ref pools)}",
        }.ConnectionString;
}
