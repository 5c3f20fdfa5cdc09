using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using HipLog.Api.Auth;
using HipLog.Api.Http.Writes;
using HipLog.Domain.Pain;
using HipLog.Domain.Runs;
using HipLog.Domain.Storage;
using HipLog.Domain.Watch;
using JasperFx.Events.Daemon;
using Marten;
using Npgsql;

namespace HipLog.Bench;

/// <summary>The pain watch's latency with the Worker running, and each projection's rebuild rate.</summary>
public static class WatchAndRebuilds
{
    private static readonly CultureInfo En = CultureInfo.InvariantCulture;

    /// <summary>
    /// PainReported → PainRiseDetected for the reports written since <c>--since-seq</c>: the delay between the two events'
    /// store timestamps, for every report the watch acted on, and for the urgent ones apart (a red-flag answer or a score of 8
    /// or more: the red-flag lane's).
    /// </summary>
    public static async Task<int> WatchLagAsync(BenchOptions options)
    {
        var cs = options.RequireConnectionString();
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            select extract(epoch from (d.timestamp - r.timestamp)) * 1000,
                   coalesce((r.data -> 'report' -> 'redFlags' ->> 'painAtNight')::boolean, false)
                     or (r.data -> 'report' ->> 'score')::int >= 8,
                   r.timestamp, d.timestamp
              from {HipLogStore.SchemaName}.mt_events r
              join {HipLogStore.SchemaName}.mt_events d on d.stream_id = 'rec~' || replace(r.id::text, '-', '') and d.version = 1
             where r.seq_id > @since and r.type = 'pain_reported'
            """, connection) { Parameters = { new("since", options.SinceSeq) }, CommandTimeout = 600 };
        var all = new List<double>();
        var flagged = new List<double>();
        DateTime first = DateTime.MaxValue, last = DateTime.MinValue;
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
            {
                var lag = reader.GetDouble(0);
                all.Add(lag);
                if (!reader.IsDBNull(1) && reader.GetBoolean(1))
                    flagged.Add(lag);
                first = reader.GetDateTime(2) < first ? reader.GetDateTime(2) : first;
                last = reader.GetDateTime(3) > last ? reader.GetDateTime(3) : last;
            }

        await using var counted = new NpgsqlCommand($"select count(*) from {HipLogStore.SchemaName}.mt_events where seq_id > @since and " +
            $"type = 'pain_reported'", connection)
            { Parameters = { new("since", options.SinceSeq) } };
        var reports = (long)(await counted.ExecuteScalarAsync())!;
        all.Sort();
        flagged.Sort();
        static string P(List<double> l, double p) => l.Count == 0 ? "–"
            : l[Math.Clamp((int)Math.Ceiling(p * l.Count) - 1, 0, l.Count - 1)].ToString("F0", En);
        var span = (last - first).TotalSeconds;
        Console.WriteLine($"| {options.Label} | {reports:N0} | {all.Count:N0} | {P(all, 0.5)} | {P(all, 0.95)} | {P(all, 1)} | " +
            $"{flagged.Count} | {P(flagged, 0.5)} | {P(flagged, 0.95)} | "
            + string.Create(En, $"{(span > 0 ? reports / span : 0):N0} |"));
        return 0;
    }

    /// <summary>Pain reports one at a time, a quarter of a second apart, each a flare: the watch's latency when it is not busy.</summary>
    public static async Task<int> QuietReportsAsync(BenchOptions options)
    {
        var auth = new AuthSettings { SigningKey = options.SigningKey };
        using var http = WritePath.Client(options);
        var now = DateTimeOffset.UtcNow;
        var runner = $"bench-quiet-{now.ToUnixTimeSeconds()}";
        var token = auth.MintToken(runner, now);
        for (var i = 0; i < options.Requests; i++)
        {
            await WritePath.PostReportAsync(http, runner, token, now.AddMinutes(-10).AddSeconds(i), 6 + i % 3);
            await Task.Delay(250);
        }

        return 0;
    }

    /// <summary>Each projection rebuilt from the whole store, against reading the same events raw.</summary>
    public static async Task<int> RebuildAsync(BenchOptions options)
    {
        var cs = options.RequireConnectionString();
        await using var store = DocumentStore.For(o => o.ConfigureHipLog(cs));

        long events = 0;
        var raw = Stopwatch.StartNew();
        await using (var session = store.QuerySession())
        {
            long after = 0;
            while (true)
            {
                var page = await session.Events.QueryAllRawEvents().Where(e => e.Sequence > after).OrderBy(e => e.Sequence).Take(10_000)
                    .ToListAsync();
                if (page.Count == 0)
                    break;
                events += page.Count;
                after = page[^1].Sequence;
            }
        }

        var rawRate = events / raw.Elapsed.TotalSeconds;
        Console.WriteLine("| what | events | seconds | events/s | share of the raw read rate |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(En,
            $"| read every event raw (Marten, deserialized, pages of 10,000) | {events:N0} | {raw.Elapsed.TotalSeconds:F1} | " +
            $"{rawRate:N0} " +
            $"| 100% |"));
        using var daemon = await store.BuildProjectionDaemonAsync();
        foreach (var projection in options.Projections)
        {
            var sw = Stopwatch.StartNew();
            await daemon.RebuildProjectionAsync(projection, TimeSpan.FromMinutes(60), CancellationToken.None);
            var rate = events / sw.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(En,
                $"| rebuild {projection} | {events:N0} | {sw.Elapsed.TotalSeconds:F1} | {rate:N0} | {rate / rawRate:P0} |"));
        }

        Console.WriteLine();
        return 0;
    }
}
