using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using HipLog.Api.Auth;

namespace HipLog.Bench;

/// <summary>
/// A clinician with a patient list of every seeded 1-year runner: each runner shares (trend, entries) and the clinician
/// accepts, through the Api. Then it times GET /clinicians/{id}/patients with 4 clients at once, and one runner's pain
/// reports read by the runner against the same read through the share (access-logged), one after the other.
/// </summary>
public static class SharingMeasurement
{
    private const string Clinician = "bench-dr";
    private static readonly CultureInfo En = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        if (options.Url is null || options.SigningKey is null)
            throw new ArgumentException("sharing needs --url and --signing-key.");
        var auth = new AuthSettings { SigningKey = options.SigningKey, TokenLifetimeHours = 4 };
        using var http = new HttpClient { BaseAddress = new Uri(options.Url), Timeout = TimeSpan.FromMinutes(2) };
        var doctor = Bearer(auth.MintClinicianToken(Clinician, DateTimeOffset.UtcNow));
        await SendAsync(http, HttpMethod.Put, $"/clinicians/{Clinician}/profile", doctor, new { displayName = "Dr Bench" });
        var runners = Enumerable.Range(1, options.Runners).Select(Dataset.RunnerId).ToList();
        foreach (var runner in runners)
        {
            var token = Bearer(auth.MintToken(runner, DateTimeOffset.UtcNow));
            var share = await SendAsync(http, HttpMethod.Post, $"/runners/{runner}/shares", token,
                new { label = "bench", scope = (string[])["trend", "entries"], from = "2000-01-01" });
            var code = JsonDocument.Parse(share).RootElement.GetProperty("code").GetString();
            await SendAsync(http, HttpMethod.Post, $"/clinicians/{Clinician}/patients", doctor, new { code });
        }

        var listPath = $"/clinicians/{Clinician}/patients";
        var byWrk = Wrk.Available ? await Wrk.TimeAsync(new Uri(http.BaseAddress!, listPath), doctor.Parameter!, 4, 30) : null;
        var list = byWrk is null ? await TimeAsync(http, listPath, doctor, clients: 4, requests: options.Iterations) : null;
        var patients = JsonDocument.Parse(await SendAsync(http, HttpMethod.Get, $"/clinicians/{Clinician}/patients", doctor)).RootElement;
        var reports = $"/runners/{runners[0]}/pain-reports?from={options.LastDay.AddDays(-89):yyyy-MM-dd}&to={options.LastDay:yyyy-MM-dd}";
        var (own, shared) = await TimePairAsync(http, (reports, Bearer(auth.MintToken(runners[0], DateTimeOffset.UtcNow))),
            ($"/clinicians/{Clinician}{reports.Replace("/runners/", "/patients/")}", doctor), options.Iterations);

        Console.WriteLine("| read | clients | requests | p50 ms | p95 ms | p99 ms | max ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        var listed = $"GET /clinicians/{{id}}/patients, {patients.GetArrayLength()} patients with a year each";
        if (byWrk is { } w)
            Console.WriteLine(string.Create(En,
                $"| {listed} (wrk, 30 s after 30 s of warm-up, {w.Errors} errors) | 4 | {w.Requests} | {w.P50:F1} | {w.P95:F1} | " +
                $"{w.P99:F1} | {w.Max:F1} |"));
        else
            Row($"{listed} (HttpClient; install wrk for the client the figures are meant with)", 4, list!);
        Row("90 days of one runner's pain reports, by the runner", 1, own);
        Row("the same, by the clinician through the share (access-logged)", 1, shared);
        Console.WriteLine();
        var more = shared[shared.Count / 2] - own[own.Count / 2];
        Console.WriteLine(string.Create(En, $"An access-logged read costs {more:F2} ms more at p50 than the runner's own."));
        return 0;
    }

    private static void Row(string what, int clients, List<double> t) => Console.WriteLine(string.Create(En,
        $"| {what} | {clients} | {t.Count} | {P(t, 0.5):F1} | {P(t, 0.95):F1} | {P(t, 0.99):F1} | {t[^1]:F1} |"));

    private static double P(List<double> sorted, double q) => sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];

    private static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);

    /// <summary>
    /// Warm-up requests first, as many as the timed ones and as concurrent (code generation, the JIT's second tier,
    /// connection pools, PostgreSQL's caches), then the timed ones, sorted.
    /// </summary>
    private static async Task<List<double>> TimeAsync(HttpClient http, string path, AuthenticationHeaderValue token, int clients,
        int requests)
    {
        await Parallel.ForEachAsync(Enumerable.Range(0, requests), new ParallelOptions { MaxDegreeOfParallelism = clients },
            async (_, _) => await ReadAsync(http, path, token));
        var times = new List<double>();
        await Parallel.ForEachAsync(Enumerable.Range(0, requests), new ParallelOptions { MaxDegreeOfParallelism = clients },
            async (_, _) =>
            {
                var sw = Stopwatch.StartNew();
                await ReadAsync(http, path, token);
                lock (times)
                    times.Add(sw.Elapsed.TotalMilliseconds);
            });
        times.Sort();
        return times;
    }

    /// <summary>
    /// A timed read: the whole body is read and dropped, not decoded into a string, so the client (on the same two cores)
    /// takes as little of the machine as it can.
    /// </summary>
    private static async Task ReadAsync(HttpClient http, string path, AuthenticationHeaderValue token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = token;
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode}");
        await using var body = await response.Content.ReadAsStreamAsync();
        await body.CopyToAsync(Stream.Null);
    }

    /// <summary>
    /// Two reads timed in turn, one request of each after the other, so both meet the same machine (a vacuum, a checkpoint,
    /// the JIT's second tier): their difference is the second read's own cost. Warm-up first, as many as the timed ones.
    /// </summary>
    private static async Task<(List<double> First, List<double> Second)> TimePairAsync(HttpClient http,
        (string Path, AuthenticationHeaderValue Token) first, (string Path, AuthenticationHeaderValue Token) second, int requests)
    {
        var (a, b) = (new List<double>(), new List<double>());
        for (var i = 0; i < 2 * requests; i++)
        {
            var sw = Stopwatch.StartNew();
            await ReadAsync(http, first.Path, first.Token);
            var one = sw.Elapsed.TotalMilliseconds;
            sw.Restart();
            await ReadAsync(http, second.Path, second.Token);
            if (i < requests)
                continue;
            a.Add(one);
            b.Add(sw.Elapsed.TotalMilliseconds);
        }

        a.Sort();
        b.Sort();
        return (a, b);
    }

    private static async Task<string> SendAsync(HttpClient http, HttpMethod method, string path, AuthenticationHeaderValue token,
        object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = token;
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
        return text;
    }
}
