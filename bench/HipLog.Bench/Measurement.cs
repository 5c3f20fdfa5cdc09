using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using HipLog.Api.Auth;

namespace HipLog.Bench;

/// <summary>Times GET /runners/{id}/pain-trend?from=&amp;to= against a running Api, the client on the same machine.</summary>
public static class Measurement
{
    private sealed record Target(string RunnerId, string Token, DateOnly From, DateOnly To);

    /// <param name="Pick">The path and token of the next request.</param>
    private sealed record Scenario(string Name, int Clients, Func<Random, (string Path, string? Token)> Pick);

    public static async Task<int> RunAsync(BenchOptions options)
    {
        if (options.Url is null || options.SigningKey is null)
        {
            Console.Error.WriteLine("measure needs --url and --signing-key.");
            return 2;
        }

        var auth = new AuthSettings { SigningKey = options.SigningKey };
        var now = DateTimeOffset.UtcNow;
        // Tokens are minted before any timing: the client's signing must not count as the server's latency.
        Target TargetFor(RunnerPlan plan) =>
            new(plan.Id, auth.MintToken(plan.Id, now), plan.LastDay.AddDays(1 - options.Days), plan.LastDay);
        var longRunner = TargetFor(Dataset.LongRunner(options.LastDay));
        var yearRunners = Enumerable.Range(1, options.Runners).Select(i => TargetFor(Dataset.YearRunner(i, options.LastDay))).ToArray();

        using var client = CreateClient(options.Url);
        if (!await ReadyAsync(client, options.Url))
            return 1;

        await CheckAsync(client, longRunner, options.Days);
        await CheckAsync(client, yearRunners[0], options.Days);

        var clients = Math.Max(1, options.Concurrency);
        (string, string?) Trend(Target t) => (Path(t), t.Token);
        (string, string?) AnyYearRunner(Random r) => Trend(yearRunners[r.Next(yearRunners.Length)]);
        Scenario[] scenarios =
        [
            new($"{options.Runners:N0} runners × 1 year, random runner", 1, AnyYearRunner),
            new($"{options.Runners:N0} runners × 1 year, random runner", clients, AnyYearRunner),
            new("1 runner × 3 years", 1, _ => Trend(longRunner)),
            new("1 runner × 3 years", clients, _ => Trend(longRunner)),
        ];
        var cpu = new CpuSampler(options.ApiPid, options.PostgresPid);
        await WaitForQuietAsync(cpu, options.QuietWaitSeconds);
        // JIT tiering, Wolverine's first compilation and PostgreSQL's caches settle before anything is timed.
        await RunScenarioAsync(client, cpu, new Scenario("warm-up", clients, r => r.Next(4) == 0 ? Trend(longRunner) : AnyYearRunner(r)),
            options.Warmup * 2, seed: 3);

        var results = await TimeAsync(client, cpu, [.. scenarios, .. References(yearRunners)], options);
        MeasurementTables.PrintLatencies(results);
        if (cpu.Available)
            MeasurementTables.PrintCpu(results, options);

        var worst = results.Take(scenarios.Length).Max(r => r.Percentile(95));
        Console.WriteLine(worst <= 15 ? $"Every trend p95 is within 15 ms (worst {worst:F1} ms)."
            : $"A trend p95 misses 15 ms (worst {worst:F1} ms).");
        return results.Any(r => r.Errors > 0) ? 1 : 0;
    }

    /// <summary>For scale, not the target: the same stack without the trend (no token, no database; then a token and a tiny
    /// document).</summary>
    private static Scenario[] References(Target[] yearRunners) =>
    [
        new("reference: GET /health/live (no token, no database)", 1, _ => ("/health/live", null)),
        new("reference: GET /runners/{id}/profile (token, ~0.3 KB document)", 1, r =>
        {
            var t = yearRunners[r.Next(yearRunners.Length)];
            return ($"/runners/{t.RunnerId}/profile", t.Token);
        }),
    ];

    /// <summary>Each scenario warmed up, then timed.</summary>
    private static async Task<List<TimedScenario>> TimeAsync(HttpClient client, CpuSampler cpu, Scenario[] scenarios, BenchOptions options)
    {
        Console.Error.WriteLine($"measure: {options.Url}, {options.Days}-day window ending on each runner's last day, "
            + $"{options.Warmup} warm-up then {options.Requests} timed requests per scenario, {Environment.ProcessorCount} cores");
        var results = new List<TimedScenario>();
        foreach (var scenario in scenarios)
        {
            await RunScenarioAsync(client, cpu, scenario, options.Warmup, seed: 7);
            var result = await RunScenarioAsync(client, cpu, scenario, options.Requests, seed: 42);
            results.Add(result);
            Console.Error.WriteLine($"measure: {scenario.Name}, {scenario.Clients} client(s): p95 {result.Percentile(95):F1} ms, " +
                $"{result.Errors} errors");
        }
        return results;
    }

    private static async Task<bool> ReadyAsync(HttpClient client, string url)
    {
        using var ready = await client.GetAsync("/health/ready");
        if (!ready.IsSuccessStatusCode)
            Console.Error.WriteLine($"measure: {url}/health/ready answers {(int)ready.StatusCode}");
        return ready.IsSuccessStatusCode;
    }

    private static HttpClient CreateClient(string url)
    {
        var client = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = false,
        })
        { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    /// <summary>Other work on a 2-core machine (a test run, a build) would be timed as the Api's latency: wait for it to end.</summary>
    private static async Task WaitForQuietAsync(CpuSampler cpu, int seconds)
    {
        if (!cpu.Available)
            return;
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var before = cpu.Take();
            await Task.Delay(TimeSpan.FromSeconds(3));
            var busy = (cpu.Take().BusyMs - before.BusyMs) / (3000.0 * Environment.ProcessorCount);
            if (busy < 0.15)
            {
                Console.Error.WriteLine($"measure: machine {busy:P0} busy before measuring");
                return;
            }

            if (DateTime.UtcNow >= deadline)
            {
                Console.Error.WriteLine($"measure: WARNING the machine is {busy:P0} busy before measuring; the figures will be disturbed");
                return;
            }

            Console.Error.WriteLine($"measure: machine {busy:P0} busy; waiting for other work to end");
            await Task.Delay(TimeSpan.FromSeconds(10));
        }
    }

    private static async Task<TimedScenario> RunScenarioAsync(HttpClient client, CpuSampler cpu, Scenario scenario, int requests, int seed)
    {
        var before = cpu.Take();
        var latencies = new double[requests];
        var next = -1;
        var errors = 0;
        long bytes = 0;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, scenario.Clients).Select(c => Task.Run(async () =>
        {
            var rng = new Random(seed * 31 + c);
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                var (path, token) = scenario.Pick(rng);
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                if (token is not null)
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                var start = Stopwatch.GetTimestamp();
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                var body = await response.Content.ReadAsByteArrayAsync();
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                Interlocked.Add(ref bytes, body.Length);
                if (response.StatusCode != HttpStatusCode.OK && Interlocked.Increment(ref errors) <= 3)
                    Console.Error.WriteLine($"measure: {(int)response.StatusCode} for {path}: {System.Text.Encoding.UTF8.GetString(body)}");
            }
        })));
        var seconds = wall.Elapsed.TotalSeconds;
        var after = cpu.Take();
        Array.Sort(latencies);
        return new TimedScenario(scenario.Name, scenario.Clients, requests, errors, latencies, seconds, bytes, new CpuSampler.Sample(
            after.ApiMs - before.ApiMs, after.PostgresMs - before.PostgresMs, after.ClientMs - before.ClientMs,
                after.BusyMs - before.BusyMs));
    }

    private static string Path(Target t) =>
        string.Create(CultureInfo.InvariantCulture, $"/runners/{t.RunnerId}/pain-trend?from={t.From:yyyy-MM-dd}&to={t.To:yyyy-MM-dd}");

    /// <summary>One request read in full before timing: the data must be there, or the figures would time an empty trend.</summary>
    private static async Task CheckAsync(HttpClient client, Target target, int days)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Path(target));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", target.Token);
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"{target.RunnerId}: {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        var overall = json.RootElement.GetProperty("overall").GetArrayLength();
        var rows = json.RootElement.GetProperty("rows").GetArrayLength();
        Console.WriteLine($"check: {target.RunnerId} {target.From:yyyy-MM-dd}..{target.To:yyyy-MM-dd}: {overall} days with pain, {rows} " +
            $"rows, "
            + $"{body.Length / 1024.0:F1} KB, zone {json.RootElement.GetProperty("timeZone").GetString()}");
        if (overall < days * 9 / 10)
            throw new InvalidOperationException($"{target.RunnerId}: only {overall} of {days} days have pain figures; is the data set " +
                $"seeded with the same --last-day?");
    }
}
