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

    internal static async Task<(double Ms, long Written)> TimedAsync(string cs, Func<Task<HttpResponseMessage>> send)
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

    internal static async Task SeedReportsAsync(IDocumentStore store, string runner, int count, DateTimeOffset now)
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

    internal static async Task PostReportAsync(HttpClient http, string runner, string token, DateTimeOffset at, int score)
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

    internal static HttpClient Client(BenchOptions options) =>
        new(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseProxy = false })
        { BaseAddress = new Uri(options.Url ?? throw new ArgumentException("--url is required.")), Timeout = TimeSpan.FromMinutes(5) };

    internal static string Kebab(Surface s) => JsonSerializer.Serialize(s, HipLog.Domain.Wire.HipLogJson.Create()).Trim('"');
}
