using System.Diagnostics;
using HipLog.Domain.Storage;
using Marten;
using Npgsql;

namespace HipLog.Bench;

/// <summary>
/// Appends each runner's whole history in one Marten session, with the Api's own store configuration, so the
/// inline projections (pain trend, training load, views…) are computed as they would be for a real runner.
/// A runner's stream is written in one transaction: it is either all there or absent, which makes the seed resumable.
/// </summary>
public static class Seeder
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var connectionString = options.RequireConnectionString();
        var total = Stopwatch.StartNew();

        await using var store = DocumentStore.For(o => o.ConfigureHipLog(connectionString));
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

        var existing = await ExistingRunnersAsync(connectionString);
        var plans = Dataset.All(options.Runners, options.LastDay);
        var missing = plans.Where(p => !existing.Contains(p.Id)).ToList();
        if (missing.Count == 0)
        {
            Console.WriteLine($"seed: already seeded ({existing.Count} bench runners); nothing to do.");
            await PrintSizesAsync(connectionString);
            return 0;
        }

        Console.WriteLine($"seed: {plans.Count - missing.Count} of {plans.Count} runners present; appending {missing.Count} "
            + $"(last day {options.LastDay:yyyy-MM-dd}, {options.Parallel} in parallel)");

        var appending = Stopwatch.StartNew();
        var (events, done) = await AppendAllAsync(store, missing, options.Parallel, appending);
        var appendSeconds = appending.Elapsed.TotalSeconds;

        var analyse = Stopwatch.StartNew();
        await VacuumAsync(connectionString);

        Console.WriteLine($"seed: appended {events:N0} events for {done} runners in {appendSeconds:F1} s "
            + $"({events / appendSeconds:N0} events/s); VACUUM ANALYZE {analyse.Elapsed.TotalSeconds:F1} s; total " +
                $"{total.Elapsed.TotalSeconds:F1} s");
        await PrintSizesAsync(connectionString);
        return 0;
    }

    /// <summary>The 3-year runner first and alone (its timing is worth seeing on its own), then the rest in parallel.</summary>
    private static async Task<(long Events, long Runners)> AppendAllAsync(IDocumentStore store, List<RunnerPlan> missing, int parallel,
        Stopwatch appending)
    {
        long events = 0, done = 0;
        foreach (var plan in missing.Where(p => p.Id == Dataset.LongRunnerId))
        {
            var sw = Stopwatch.StartNew();
            events += await AppendAsync(store, plan);
            done++;
            Console.WriteLine($"seed: {plan.Id} ({plan.Days} days, {plan.FirstDay:yyyy-MM-dd}..{plan.LastDay:yyyy-MM-dd}) in " +
                $"{sw.Elapsed.TotalSeconds:F1} s");
        }

        await Parallel.ForEachAsync(missing.Where(p => p.Id != Dataset.LongRunnerId),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallel) },
            async (plan, _) =>
            {
                Interlocked.Add(ref events, await AppendAsync(store, plan));
                var n = Interlocked.Increment(ref done);
                if (n % 100 == 0)
                    Console.WriteLine($"seed: {n}/{missing.Count} runners, {Interlocked.Read(ref events):N0} events, "
                        + $"{appending.Elapsed.TotalSeconds:F0} s ({Interlocked.Read(ref events) / appending.Elapsed.TotalSeconds:N0} " +
                            $"events/s)");
            });
        return (events, done);
    }

    private static async Task VacuumAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var vacuum = new NpgsqlCommand("VACUUM (ANALYZE)", connection) { CommandTimeout = 1800 };
        await vacuum.ExecuteNonQueryAsync();
    }

    private static async Task<long> AppendAsync(IDocumentStore store, RunnerPlan plan)
    {
        var events = Dataset.Events(plan);
        await using var session = store.LightweightSession();
        session.Events.StartStream(plan.Id, events);
        await session.SaveChangesAsync();
        return events.Length;
    }

    private static async Task<HashSet<string>> ExistingRunnersAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"select id from {HipLogStore.SchemaName}.mt_streams where id like '{Dataset.Prefix}%'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
            ids.Add(reader.GetString(0));
        return ids;
    }

    public static async Task PrintSizesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            select 'events', count(*)::text from {HipLogStore.SchemaName}.mt_events
            union all select 'streams', count(*)::text from {HipLogStore.SchemaName}.mt_streams
            union all select 'database', pg_size_pretty(pg_database_size(current_database()))
            union all select c.relname, pg_size_pretty(pg_total_relation_size(c.oid))
              from pg_class c join pg_namespace n on n.oid = c.relnamespace
             where n.nspname = '{HipLogStore.SchemaName}' and c.relkind = 'r' and pg_total_relation_size(c.oid) > 1024 * 1024
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            Console.WriteLine($"  {reader.GetString(0),-28} {reader.GetString(1)}");
    }
}
