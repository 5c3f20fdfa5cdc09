using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using HipLog.Api.Infrastructure;
using HipLog.Api.Trends;
using HipLog.Domain.Storage;
using HipLog.Domain.Trends;
using HipLog.Domain.Wire;
using Marten;
using Npgsql;

namespace HipLog.Bench;

/// <summary>
/// Where an answer's time goes, step by step and in-process (no HTTP): reading the pain-trend document's JSON from
/// PostgreSQL, Marten's load (read + deserialize), deserializing alone, cutting the 90 days out, and writing the answer.
/// </summary>
public static class Profiler
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var connectionString = options.RequireConnectionString();
        await using var store = DocumentStore.For(o => o.ConfigureHipLog(connectionString));
        var table = $"{HipLogStore.SchemaName}.mt_doc_paintrend";

        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var sizes = new NpgsqlCommand($"""
                select case when id = '{Dataset.LongRunnerId}' then '1 runner × 3 years' else 'runners × 1 year (mean)' end,
                       count(*), avg(pg_column_size(data)), avg(octet_length(data::text)),
                       avg(jsonb_array_length(data->'reports')), avg(jsonb_array_length(data->'figures'->'days')),
                       avg(jsonb_array_length(data->'figures'->'dailyOverall')), avg(jsonb_array_length(data->'figures'->'weeks'))
                  from {table} where id like '{Dataset.Prefix}%' group by 1 order by 1
                """, connection);
            await using var reader = await sizes.ExecuteReaderAsync();
            Console.WriteLine("| PainTrend document | docs | stored (TOAST, compressed) KB | JSON text KB | reports | day rows | days | week rows |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
            while (await reader.ReadAsync())
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {reader.GetString(0)} | {reader.GetInt64(1)} | {reader.GetDecimal(2) / 1024:F0} | {reader.GetDecimal(3) / 1024:F0} | "
                    + $"{reader.GetDecimal(4):F0} | {reader.GetDecimal(5):F0} | {reader.GetDecimal(6):F0} | {reader.GetDecimal(7):F0} |"));
            Console.WriteLine();
        }

        var json = new JsonSerializerOptions();
        HipLogJson.Configure(json);
        var serializer = store.Options.Serializer();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        var groups = new[]
        {
            ("1 runner × 3 years", new[] { Dataset.LongRunner(options.LastDay) }),
            ($"{options.Runners:N0} runners × 1 year", Enumerable.Range(1, options.Runners).Select(i => Dataset.YearRunner(i, options.LastDay)).ToArray()),
        };

        Console.WriteLine($"In-process, sequential, {options.Iterations} iterations after {options.Iterations / 5} warm-up (ms):");
        Console.WriteLine();
        var allocations = new Dictionary<string, List<double>>();
        Console.WriteLine("| Runners | Step | p50 | p95 | mean |");
        Console.WriteLine("|---|---|---:|---:|---:|");
        foreach (var (name, plans) in groups)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            var rng = new Random(5);
            var steps = new Dictionary<string, List<double>>();
            
            for (var i = -options.Iterations / 5; i < options.Iterations; i++)
            {
                var plan = plans[rng.Next(plans.Length)];
                var range = new DayRange(plan.LastDay.AddDays(1 - options.Days), plan.LastDay);

                var t = Stopwatch.GetTimestamp();
                string text;
                await using (var read = new NpgsqlCommand($"select data from {table} where id = $1", connection) { Parameters = { new() { Value = plan.Id } } })
                    text = (string)(await read.ExecuteScalarAsync())!;
                var readMs = Stopwatch.GetElapsedTime(t).TotalMilliseconds;

                t = Stopwatch.GetTimestamp();
                await using (var server = new NpgsqlCommand($"select octet_length(data::text) from {table} where id = $1", connection) { Parameters = { new() { Value = plan.Id } } })
                    await server.ExecuteScalarAsync();
                var serverMs = Stopwatch.GetElapsedTime(t).TotalMilliseconds;

                t = Stopwatch.GetTimestamp();
                await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
                var parsed = serializer.FromJson<PainTrend>(stream);
                var deserializeMs = Stopwatch.GetElapsedTime(t).TotalMilliseconds;

                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                t = Stopwatch.GetTimestamp();
                await using var session = store.QuerySession();
                var trend = await PainTrendQuery.LoadAsync(session, plan.Id, CancellationToken.None);
                var loadMs = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;

                t = Stopwatch.GetTimestamp();
                var response = PainTrendQuery.Build(trend, range, "day", today);
                var buildMs = Stopwatch.GetElapsedTime(t).TotalMilliseconds;

                t = Stopwatch.GetTimestamp();
                var bytes = JsonSerializer.SerializeToUtf8Bytes(response, json);
                var writeMs = Stopwatch.GetElapsedTime(t).TotalMilliseconds;

                if (parsed.Reports.Count != trend.Reports.Count || bytes.Length == 0)
                    throw new InvalidOperationException("The raw read and Marten's load disagree.");
                if (i < 0)
                    continue;
                Add(steps, "PostgreSQL alone: detoast + jsonb to text (octet_length(data::text))", serverMs);
                Add(steps, "SQL read of the document as JSON text (server + wire + Npgsql)", readMs);
                Add(steps, "deserialize PainTrend (Marten's serializer)", deserializeMs);
                Add(steps, "Marten LoadAsync<PainTrend> (read + deserialize)", loadMs);
                Add(steps, $"PainTrendQuery.Build ({options.Days} days)", buildMs);
                Add(steps, "serialize the answer (HipLogJson)", writeMs);
                Add(allocations, name, allocated);
            }

            foreach (var (step, values) in steps)
            {
                values.Sort();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {step} | {values[values.Count / 2]:F2} | {values[(int)Math.Ceiling(values.Count * 0.95) - 1]:F2} | {values.Average():F2} |"));
            }
        }

        Console.WriteLine();
        foreach (var (name, values) in allocations)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Managed memory allocated per Marten load, {name}: {values.Average() / 1024 / 1024:F2} MB"));
        return 0;
    }

    private static void Add(Dictionary<string, List<double>> steps, string step, double ms)
    {
        if (!steps.TryGetValue(step, out var values))
            steps[step] = values = [];
        values.Add(ms);
    }
}
