using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using HipLog.Api.Auth;
using HipLog.Domain.Runs;
using HipLog.Domain.Storage;
using HipLog.Domain.Watch;
using HipLog.Domain.Webhooks;
using Marten;
using Npgsql;

namespace HipLog.Bench;

/// <summary>
/// Two Apis and two Workers on one database (bench/replicas.sh starts them): runners' writes go to both Apis, the Worker
/// that holds the pain watch is killed with SIGKILL as the first routines fall due, and the rest of the reports arrive
/// after the kill. Then every count is checked from the store and from the webhook receipts: each rising report judged
/// once, each routine delivered once, each webhook received once, and how late.
/// </summary>
public static class Replicas
{
    private static readonly CultureInfo En = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var cs = options.RequireConnectionString();
        var urls = (options.Url ?? throw new ArgumentException("--url takes the Apis' URLs, comma-separated.")).Split(',');
        var workers = options.WorkerPids
            ?? throw new ArgumentException("--worker-pids takes the Workers' process ids, in the order of their Application Name " +
            "(hiplog-worker-1, -2).");
        var auth = new AuthSettings { SigningKey = options.SigningKey };
        var runners = Enumerable.Range(0, options.Runners).Select(i => $"replica-r{i:D3}").ToList();
        var clients = urls.Select(u => new HttpClient { BaseAddress = new Uri(u), Timeout = TimeSpan.FromSeconds(30) }).ToArray();

        // The webhook receiver: every receipt, by webhook-id, with the time it arrived.
        var receipts = new ConcurrentBag<(string Id, DateTimeOffset At)>();
        var hookPort = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{hookPort}/");
        listener.Start();
        _ = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await listener.GetContextAsync(); }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
                receipts.Add((context.Request.Headers["webhook-id"] ?? "?", DateTimeOffset.UtcNow));
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        });

        // Two reminder times in UTC, whole minutes: the first at least 75 s away (time for every write), the second a minute later.
        var start = DateTimeOffset.UtcNow;
        var first = new DateTimeOffset(start.Year, start.Month, start.Day, start.Hour, start.Minute, 0, TimeSpan.Zero)
            .AddMinutes(start.Second < 45 ? 2 : 3);
        var second = first.AddMinutes(1);
        DateTimeOffset DueOf(int i) => i % 2 == 0 ? first : second;
        var tokens = runners.ToDictionary(r => r, r => auth.MintToken(r, start));
        HttpClient Api(int i) => clients[i % clients.Length];

        var statuses = new ConcurrentDictionary<int, int>();
        var rising = new ConcurrentDictionary<string, Guid>();
        async Task<JsonElement?> SendAsync(HttpClient http, HttpMethod method, string runner, string path, object body)
        {
            for (var attempt = 1; ; attempt++)
            {
                using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
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

        var pain = (DateTimeOffset at, int score) => new { reportedAt = at, score, location = "front-hip", side = "left",
            timing = "after-run", character = "ache" };
        var writes = Stopwatch.StartNew();
        // Wave 1, every runner: a profile (the reminder time, the webhook), then a run and a mild report sent at the
        // same moment to the two Apis, so that one runner's writes race across instances; the even runners' rising report.
        await Parallel.ForEachAsync(Enumerable.Range(0, runners.Count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var runner = runners[i];
            await SendAsync(Api(i), HttpMethod.Put, runner, $"/runners/{runner}/profile", new
            {
                displayName = runner, timeZone = "UTC", reminderTime = DueOf(i).ToString("HH:mm", En),
                webhookUrl = $"http://127.0.0.1:{hookPort}/hooks/{runner}",
            });
            await Task.WhenAll(
                SendAsync(Api(i), HttpMethod.Post, runner, $"/runners/{runner}/runs",
                    new { startedAt = start.AddHours(-2), distanceKm = 8.4, durationSeconds = 2700, perceivedEffort = 6,
                        surface = "road" }),
                SendAsync(Api(i + 1), HttpMethod.Post, runner, $"/runners/{runner}/pain-reports", pain(start.AddMinutes(-30), 2)));
            if (i % 2 == 0 && await SendAsync(Api(i + 1), HttpMethod.Post, runner, $"/runners/{runner}/pain-reports",
                pain(start.AddMinutes(-5), 7)) is { } r)
                rising[runner] = r.GetProperty("id").GetGuid();
        });
        var wave1 = writes.Elapsed;

        // Both Workers wait for their routines; the one that holds the watch (Marten's advisory lock) is killed as they
        // fall due, when its schedule poller may be moving their jobs and its job threads may have fetched some.
        var leader = await WatchHolderAsync(cs);
        await DelayUntil(first.AddMilliseconds(300));
        var victim = leader is { } n && n >= 1 && n <= workers.Length ? workers[n - 1] : workers[0];
        var killedAt = DateTimeOffset.UtcNow;
        Process.GetProcessById(victim).Kill();
        Console.Error.WriteLine($"killed Worker {victim} (hiplog-worker-{leader?.ToString(En) ?? "?"}, " +
            $"{(leader is null ? "no watch lock found" : "the watch's holder")}) at {killedAt:HH:mm:ss.fff}");

        // Wave 2, after the kill: the odd runners' rising report, judged by the Worker left.
        var wave2Start = writes.Elapsed;
        await Parallel.ForEachAsync(Enumerable.Range(0, runners.Count).Where(i => i % 2 == 1),
            new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var runner = runners[i];
            if (await SendAsync(Api(i), HttpMethod.Post, runner, $"/runners/{runner}/pain-reports",
                pain(DateTimeOffset.UtcNow.AddMinutes(-5), 7)) is { } r)
                rising[runner] = r.GetProperty("id").GetGuid();
        });
        var wave2 = writes.Elapsed - wave2Start;

        await using var store = DocumentStore.For(o => o.ConfigureHipLog(cs));
        var deadline = second.AddMinutes(3);
        IReadOnlyList<RecommendationView> routines = [];
        while (DateTimeOffset.UtcNow < deadline)
        {
            await using var query = store.QuerySession();
            routines = await query.Query<RecommendationView>().Where(r => r.Kind == RecommendationKind.Routine).ToListAsync();
            if (routines.Count >= rising.Count && routines.All(r => r.Status == RecommendationStatus.Delivered)
                && receipts.Select(x => x.Id).Distinct().Count() >= rising.Count)
                break;
            await Task.Delay(1000);
        }

        // Anything sent twice would arrive within moments of the first: wait a little before counting.
        await Task.Delay(TimeSpan.FromSeconds(10));
        listener.Stop();
        await using var session = store.QuerySession();
        routines = await session.Query<RecommendationView>().ToListAsync();
        var judged = (await session.Events.QueryRawEventDataOnly<PainRiseDetected>().ToListAsync()).GroupBy(e => e.ReportId)
            .ToDictionary(g => g.Key, g => g.Count());
        var suggested = (await session.Events.QueryRawEventDataOnly<RoutineSuggested>().ToListAsync()).GroupBy(e => e.RecommendationId)
            .ToDictionary(g => g.Key, g => g.Count());
        var runs = (await session.Events.QueryRawEventDataOnly<RunLogged>().ToListAsync()).GroupBy(e => e.RunnerId)
            .ToDictionary(g => g.Key, g => g.Count());
        var byId = receipts.GroupBy(x => x.Id).ToDictionary(g => g.Key, g => g.OrderBy(x => x.At).ToList());

        var judgedOnce = rising.Values.Count(id => judged.GetValueOrDefault(id) == 1);
        var judgedTwice = rising.Values.Count(id => judged.GetValueOrDefault(id) > 1);
        var unjudged = rising.Values.Count(id => judged.GetValueOrDefault(id) == 0);
        var extra = judged.Keys.Count(id => !rising.Values.Contains(id));
        var deliveredOnce = routines.Count(r => suggested.GetValueOrDefault(r.Id) == 1);
        var deliveredTwice = routines.Count(r => suggested.GetValueOrDefault(r.Id) > 1);
        var receivedOnce = routines.Count(r => byId.GetValueOrDefault(WebhookDelivery.IdFor(r.Id))?.Count == 1);
        var receivedTwice = routines.Count(r => byId.GetValueOrDefault(WebhookDelivery.IdFor(r.Id))?.Count > 1);
        var late = routines.Where(r => r is { DeliveredAt: not null, DueAt: not null })
            .Select(r => (r.DueAt!.Value, Late: (r.DeliveredAt!.Value - r.DueAt!.Value).TotalSeconds)).ToList();
        var hookLate = routines.Where(r => r.DueAt is not null && byId.ContainsKey(WebhookDelivery.IdFor(r.Id)))
            .Select(r => (r.DueAt!.Value, Late: (byId[WebhookDelivery.IdFor(r.Id)][0].At - r.DueAt!.Value).TotalSeconds)).ToList();
        string Worst(IEnumerable<double> xs) => xs.DefaultIfEmpty(double.NaN).Max().ToString("F1", En);
        string P50(IEnumerable<double> xs) { var s = xs.Order().ToList(); return s.Count == 0 ? "–" : s[s.Count / 2].ToString("F1", En); }

        string Row(string what, IReadOnlyCollection<(DateTimeOffset Due, double Late)> rows) =>
            $"| {what} | {rows.Count} | {P50(rows.Select(l => l.Late))} | {Worst(rows.Select(l => l.Late))} |";
        var firstWave = runners.Count * 3 + runners.Count / 2;
        var waves = string.Create(En, $"wave 1 ({firstWave:N0} writes, {wave1.TotalSeconds:F1} s) before the kill, ")
                    + string.Create(En, $"wave 2 ({runners.Count / 2} rising reports, {wave2.TotalSeconds:F1} s) after it");
        var kill = string.Create(En, $"the Worker holding the pain watch was killed (SIGKILL) at {killedAt:HH:mm:ss.fff}, ")
                   + string.Create(En, $"{(killedAt - first).TotalSeconds:F1} s after the first were due");
        var answers = string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Value} × {s.Key}"));
        Console.WriteLine(string.Create(En, $"""
            {runners.Count} runners; each one's run and mild report sent at the same moment to the two Apis; {waves}.
            Routines due at {first:HH:mm:ss} (even runners) and {second:HH:mm:ss} (odd runners, reported after the kill); {kill}.
            Answers: {answers}.
            Runs stored: {runs.Values.Sum()} for {runners.Count} runners, {runs.Values.Count(c => c > 1)} runner(s) with more than one.

            | | count |
            |---|---:|
            | rising reports | {rising.Count} |
            | judged exactly once (one PainRiseDetected) | {judgedOnce} |
            | judged twice or more | {judgedTwice} |
            | not judged | {unjudged} |
            | recommendations from other reports | {extra} |
            | routines | {routines.Count(r => r.Kind == RecommendationKind.Routine)} |
            | delivered exactly once (one RoutineSuggested) | {deliveredOnce} |
            | delivered twice or more | {deliveredTwice} |
            | webhook received exactly once | {receivedOnce} |
            | webhook received twice or more | {receivedTwice} |

            | lateness, s | routines | p50 | worst |
            |---|---:|---:|---:|
            {Row($"delivered − due, due as the Worker was killed ({first:HH:mm})", late.Where(l => l.Item1 == first).ToList())}
            {Row($"delivered − due, due after the kill ({second:HH:mm})", late.Where(l => l.Item1 == second).ToList())}
            {Row("webhook received − due, due as the Worker was killed", hookLate.Where(l => l.Item1 == first).ToList())}
            {Row("webhook received − due, due after the kill", hookLate.Where(l => l.Item1 == second).ToList())}
            {Row("delivered − due, all", late)}

            """));
        var ok = judgedOnce == rising.Count && rising.Count == runners.Count && extra == 0 && deliveredOnce == rising.Count
            && deliveredTwice == 0
                 && receivedOnce == rising.Count && receivedTwice == 0 && runs.Values.All(c => c == 1) && runs.Count == runners.Count;
        Console.Error.WriteLine(ok ? "replicas: every rising report judged once, every routine delivered once"
            : "replicas: FAILED, see the table");
        return ok ? 0 : 1;
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

    private static async Task DelayUntil(DateTimeOffset at)
    {
        var wait = at - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
            await Task.Delay(wait);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
