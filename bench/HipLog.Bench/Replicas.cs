using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using HipLog.Api.Auth;
using HipLog.Domain.Storage;
using HipLog.Domain.Watch;
using Marten;
using Npgsql;

namespace HipLog.Bench;

/// <summary>
/// Two Apis and two Workers on one database (bench/replicas.sh starts them): runners' writes go to both Apis, the Worker
/// that holds the pain watch is killed with SIGKILL as the first routines fall due, and the rest of the reports arrive
/// after the kill. Then every count is checked from the store and from the webhook receipts (<see cref="ReplicaCounts"/>).
/// </summary>
public sealed class Replicas
{
    private static readonly CultureInfo En = CultureInfo.InvariantCulture;
    private static readonly ParallelOptions EightAtOnce = new() { MaxDegreeOfParallelism = 8 };

    private readonly HttpClient[] clients;
    private readonly Dictionary<string, string> tokens;
    private readonly ConcurrentDictionary<int, int> statuses = new();

    private Replicas(BenchOptions options, string[] urls, DateTimeOffset start)
    {
        var auth = new AuthSettings { SigningKey = options.SigningKey };
        Runners = Enumerable.Range(0, options.Runners).Select(i => $"replica-r{i:D3}").ToList();
        clients = urls.Select(u => new HttpClient { BaseAddress = new Uri(u), Timeout = TimeSpan.FromSeconds(30) }).ToArray();
        tokens = Runners.ToDictionary(r => r, r => auth.MintToken(r, start));
        Start = start;
        // Two reminder times in UTC, whole minutes: the first at least 75 s away (time for every write), the second a minute later.
        First = new DateTimeOffset(start.Year, start.Month, start.Day, start.Hour, start.Minute, 0, TimeSpan.Zero)
            .AddMinutes(start.Second < 45 ? 2 : 3);
        Second = First.AddMinutes(1);
    }

    public IReadOnlyList<string> Runners { get; }

    public DateTimeOffset Start { get; }

    public DateTimeOffset First { get; }

    public DateTimeOffset Second { get; }

    /// <summary>Each rising report's id, by runner.</summary>
    public ConcurrentDictionary<string, Guid> Rising { get; } = new();

    public IReadOnlyDictionary<int, int> Statuses => statuses;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var cs = options.RequireConnectionString();
        var urls = (options.Url ?? throw new ArgumentException("--url takes the Apis' URLs, comma-separated.")).Split(',');
        var workers = options.WorkerPids
            ?? throw new ArgumentException("--worker-pids takes the Workers' process ids, in the order of their Application Name " +
            "(hiplog-worker-1, -2).");
        using var receiver = WebhookReceipts.Start();
        var run = new Replicas(options, urls, DateTimeOffset.UtcNow);

        var writes = Stopwatch.StartNew();
        await run.WaveOneAsync(receiver.Url);
        var wave1 = writes.Elapsed;
        var killedAt = await run.KillWatchHolderAsync(cs, workers);
        writes.Restart();
        await run.WaveTwoAsync();
        var wave2 = writes.Elapsed;

        await using var store = DocumentStore.For(o => o.ConfigureHipLog(cs));
        await run.WaitForDeliveriesAsync(store, receiver);
        // Anything sent twice would arrive within moments of the first: wait a little before counting.
        await Task.Delay(TimeSpan.FromSeconds(10));
        receiver.Stop();
        var counts = await ReplicaCounts.ReadAsync(store, run, receiver);
        Console.WriteLine(counts.Report(run, wave1, wave2, killedAt));
        Console.Error.WriteLine(counts.AllOnce ? "replicas: every rising report judged once, every routine delivered once"
            : "replicas: FAILED, see the table");
        return counts.AllOnce ? 0 : 1;
    }

    public DateTimeOffset DueOf(int i) => i % 2 == 0 ? First : Second;

    /// <summary>Every runner: a profile (the reminder time, the webhook), then a run and a mild report sent at the same moment
    /// to the two Apis, so that one runner's writes race across instances; the even runners' rising report.</summary>
    private Task WaveOneAsync(string hookUrl) => Parallel.ForEachAsync(Enumerable.Range(0, Runners.Count), EightAtOnce, async (i, _) =>
    {
        var runner = Runners[i];
        await SendAsync(Api(i), HttpMethod.Put, runner, "profile", new
        {
            displayName = runner, timeZone = "UTC", reminderTime = DueOf(i).ToString("HH:mm", En), webhookUrl = $"{hookUrl}hooks/{runner}",
        });
        await Task.WhenAll(
            SendAsync(Api(i), HttpMethod.Post, runner, "runs",
                new { startedAt = Start.AddHours(-2), distanceKm = 8.4, durationSeconds = 2700, perceivedEffort = 6, surface = "road" }),
            SendAsync(Api(i + 1), HttpMethod.Post, runner, "pain-reports", Pain(Start.AddMinutes(-30), 2)));
        if (i % 2 == 0)
            await ReportRisingAsync(Api(i + 1), runner, Start.AddMinutes(-5));
    });

    /// <summary>The odd runners' rising report, after the kill, judged by the Worker left.</summary>
    private Task WaveTwoAsync() => Parallel.ForEachAsync(Enumerable.Range(0, Runners.Count).Where(i => i % 2 == 1), EightAtOnce,
        async (i, _) => await ReportRisingAsync(Api(i), Runners[i], DateTimeOffset.UtcNow.AddMinutes(-5)));

    /// <summary>Both Workers wait for their routines; the one that holds the watch (Marten's advisory lock) is killed as they
    /// fall due, when its schedule poller may be moving their jobs and its job threads may have fetched some.</summary>
    private async Task<DateTimeOffset> KillWatchHolderAsync(string cs, int[] workers)
    {
        var leader = await WatchHolderAsync(cs);
        var wait = First.AddMilliseconds(300) - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
            await Task.Delay(wait);
        var victim = leader is { } n && n >= 1 && n <= workers.Length ? workers[n - 1] : workers[0];
        var killedAt = DateTimeOffset.UtcNow;
        Process.GetProcessById(victim).Kill();
        Console.Error.WriteLine($"killed Worker {victim} (hiplog-worker-{leader?.ToString(En) ?? "?"}, " +
            $"{(leader is null ? "no watch lock found" : "the watch's holder")}) at {killedAt:HH:mm:ss.fff}");
        return killedAt;
    }

    private async Task WaitForDeliveriesAsync(IDocumentStore store, WebhookReceipts receiver)
    {
        var deadline = Second.AddMinutes(3);
        while (DateTimeOffset.UtcNow < deadline)
        {
            await using var query = store.QuerySession();
            var routines = await query.Query<RecommendationView>().Where(r => r.Kind == RecommendationKind.Routine).ToListAsync();
            if (routines.Count >= Rising.Count && routines.All(r => r.Status == RecommendationStatus.Delivered)
                && receiver.Ids.Count >= Rising.Count)
                return;
            await Task.Delay(1000);
        }
    }

    private async Task ReportRisingAsync(HttpClient api, string runner, DateTimeOffset at)
    {
        if (await SendAsync(api, HttpMethod.Post, runner, "pain-reports", Pain(at, 7)) is { } report)
            Rising[runner] = report.GetProperty("id").GetGuid();
    }

    private static object Pain(DateTimeOffset at, int score) =>
        new { reportedAt = at, score, location = "front-hip", side = "left", timing = "after-run", character = "ache" };

    private HttpClient Api(int i) => clients[i % clients.Length];

    private async Task<JsonElement?> SendAsync(HttpClient http, HttpMethod method, string runner, string path, object body)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, $"/runners/{runner}/{path}") { Content = JsonContent.Create(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[runner]);
            using var response = await http.SendAsync(request);
            statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
            // A 503 (PostgreSQL busy) may be sent again; anything else is counted as answered.
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < 3)
                continue;
            return response.IsSuccessStatusCode && response.Content.Headers.ContentLength != 0
                ? await response.Content.ReadFromJsonAsync<JsonElement>() : null;
        }
    }

    /// <summary>Which Worker (the n of its Application Name hiplog-worker-n) holds an advisory lock: Marten's daemon leader.</summary>
    private static async Task<int?> WatchHolderAsync(string cs)
    {
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            select a.application_name from pg_locks l join pg_stat_activity a on a.pid = l.pid
            where l.locktype = 'advisory' and l.granted and a.application_name like 'hiplog-worker-%' limit 1
            """, connection);
        return await command.ExecuteScalarAsync() is string name && int.TryParse(name["hiplog-worker-".Length..], En, out var n) ? n : null;
    }
}
