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

/// <summary>
/// The write path's costs that do not need a load generator: a write's latency against the length of the runner's
/// history, what a correction in the past and a time-zone change rewrite, the pain watch's latency, and the rebuild
/// rate against the raw event read rate. Each prints a markdown table.
/// </summary>
public static class WritePath
{
    private static readonly CultureInfo En = CultureInfo.InvariantCulture;

    /// <summary>Sequential POST pain-reports for a new runner and for runners with 1,000 and 3,000 earlier reports.</summary>
    public static async Task<int> SequenceAsync(BenchOptions options)
    {
        var (cs, auth) = (options.RequireConnectionString(), new AuthSettings { SigningKey = options.SigningKey });
        await using var store = DocumentStore.For(o => o.ConfigureHipLog(cs));
        using var http = Client(options);
        var now = DateTimeOffset.UtcNow;

        Console.WriteLine("| earlier reports | writes timed | p50 ms | p90 ms | ratio to a new runner |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        double? baseline = null;
        foreach (var history in new[] { 0, 1000, 3000 })
        {
            var runner = $"bench-seq-{history}-{now.ToUnixTimeSeconds()}";
            await SeedReportsAsync(store, runner, history, now);
            var token = auth.MintToken(runner, now);
            for (var i = 0; i < 30; i++)
                await PostReportAsync(http, runner, token, now.AddMinutes(-60 + i), 3);
            var times = new List<double>();
            for (var i = 0; i < 200; i++)
            {
                var sw = Stopwatch.StartNew();
                await PostReportAsync(http, runner, token, now.AddMinutes(-30).AddSeconds(i), 2 + i % 3);
                times.Add(sw.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            var p50 = times[times.Count / 2];
            baseline ??= p50;
            Console.WriteLine(string.Create(En,
                $"| {history:N0} | {times.Count} | {p50:F2} | {times[(int)(times.Count * 0.9)]:F2} | {p50 / baseline:F2} |"));
        }

        Console.WriteLine();
        return 0;
    }

    /// <summary>What a correction in the past and a move to another zone rewrite for the 3-year runner, through the Api.</summary>
    public static async Task<int> RewritesAsync(BenchOptions options)
    {
        var (cs, auth) = (options.RequireConnectionString(), new AuthSettings { SigningKey = options.SigningKey });
        await using var store = DocumentStore.For(o => o.ConfigureHipLog(cs));
        using var http = Client(options);
        var runner = Dataset.LongRunnerId;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", auth.MintToken(runner, DateTimeOffset.UtcNow));

        Console.WriteLine("| change to the 3-year runner | documents rewritten | time ms |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var daysBack in new[] { 0, 30, 365, 1000 })
        {
            RunView run;
            var before = DateTimeOffset.UtcNow.AddDays(-daysBack - 1);
            await using (var query = store.QuerySession())
                run = (await query.Query<RunView>().Where(v => v.RunnerId == runner && v.OccurredAt <= before)
                    .OrderByDescending(v => v.OccurredAt).Take(1).ToListAsync()).Single();
            // Ten minutes longer: a different load, so the averages of the weeks after it change too.
            var corrected = new
            {
                startedAt = run.Run.StartedAt, distanceKm = run.Run.DistanceKm, durationSeconds = run.Run.DurationSeconds + 600,
                perceivedEffort = run.Run.PerceivedEffort, surface = Kebab(run.Run.Surface!.Value),
            };
            var (ms, written) = await TimedAsync(cs, () => http.PutAsJsonAsync($"/runners/{runner}/runs/{run.Id}", corrected));
            Console.WriteLine(string.Create(En, $"| correct a run {daysBack} days back | {written} | {ms:F1} |"));
        }

        // Auckland is twelve hours ahead of Berlin: evening runs move to the next day, and the weeks change.
        foreach (var zone in new[] { "Pacific/Auckland", Dataset.LongRunnerZone })
        {
            var (ms, written) = await TimedAsync(cs, ()
                => http.PutAsJsonAsync($"/runners/{runner}/profile", new { displayName = "Long", timeZone = zone }));
            Console.WriteLine(string.Create(En, $"| move the profile to {zone} (3 years re-derived) | {written} | {ms:F1} |"));
        }

        Console.WriteLine();
        return 0;
    }

    /// <summary>
    /// PainReported → PainRiseDetected for the reports written since <c>--since-seq</c>: the delay between the two events'
    /// store timestamps, for every report the watch acted on, and for the red-flag ones apart.
    /// </summary>
    public static async Task<int> WatchLagAsync(BenchOptions options)
    {
        var cs = options.RequireConnectionString();
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            select extract(epoch from (d.timestamp - r.timestamp)) * 1000, (r.data -> 'report' -> 'redFlags' ->> 'painAtNight')::boolean,
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
            $"{flagged.Count} | {P(flagged, 0.95)} | "
            + string.Create(En, $"{(span > 0 ? reports / span : 0):N0} |"));
        return 0;
    }

    /// <summary>Pain reports one at a time, a quarter of a second apart, each a flare: the watch's latency when it is not busy.</summary>
    public static async Task<int> QuietReportsAsync(BenchOptions options)
    {
        var auth = new AuthSettings { SigningKey = options.SigningKey };
        using var http = Client(options);
        var now = DateTimeOffset.UtcNow;
        var runner = $"bench-quiet-{now.ToUnixTimeSeconds()}";
        var token = auth.MintToken(runner, now);
        for (var i = 0; i < options.Requests; i++)
        {
            await PostReportAsync(http, runner, token, now.AddMinutes(-10).AddSeconds(i), 6 + i % 3);
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

    private static async Task<(double Ms, long Written)> TimedAsync(string cs, Func<Task<HttpResponseMessage>> send)
    {
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        await using var clock = new NpgsqlCommand("select clock_timestamp()", connection);
        var since = (DateTime)(await clock.ExecuteScalarAsync())!;
        var sw = Stopwatch.StartNew();
        using var response = await send();
        var ms = sw.Elapsed.TotalMilliseconds;
        response.EnsureSuccessStatusCode();
        await using var count = new NpgsqlCommand($"""
            select (select count(*) from {HipLogStore.SchemaName}.mt_doc_trainingweek where mt_last_modified > @since)
                 + (select count(*) from {HipLogStore.SchemaName}.mt_doc_trainingload where mt_last_modified > @since)
                 + (select count(*) from {HipLogStore.SchemaName}.mt_doc_runview where mt_last_modified > @since)
                 + (select count(*) from {HipLogStore.SchemaName}.mt_doc_runnerprofile where mt_last_modified > @since)
            """, connection) { Parameters = { new("since", since) } };
        return (ms, (long)(await count.ExecuteScalarAsync())!);
    }

    private static async Task SeedReportsAsync(IDocumentStore store, string runner, int count, DateTimeOffset now)
    {
        for (var done = 0; done < count; done += 500)
        {
            await using var session = store.LightweightSession();
            session.Events.Append(runner, Enumerable.Range(done, Math.Min(500, count - done))
                .Select(i => (object)new PainReported(runner, Guid.CreateVersion7(),
                new PainDetails(i % 5, PainLocation.FrontHip, BodySide.Left, PainTiming.AfterRun, PainCharacter.Ache, null, RedFlags.None,
                    null,
                    now.AddDays(-3 * 365).AddHours(8.7 * i)))).ToArray());
            await session.SaveChangesAsync();
        }
    }

    private static async Task PostReportAsync(HttpClient http, string runner, string token, DateTimeOffset at, int score)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/runners/{runner}/pain-reports")
        {
            Content = JsonContent.Create(new { reportedAt = at, score, location = "front-hip", side = "left", timing = "after-run",
                character = "ache" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    private static HttpClient Client(BenchOptions options) =>
        new(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseProxy = false })
        { BaseAddress = new Uri(options.Url ?? throw new ArgumentException("--url is required.")), Timeout = TimeSpan.FromMinutes(5) };

    private static string Kebab(Surface s) => JsonSerializer.Serialize(s, HipLog.Domain.Wire.HipLogJson.Create()).Trim('"');
}
