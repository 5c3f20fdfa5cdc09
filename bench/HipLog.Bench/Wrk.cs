using System.Diagnostics;
using System.Globalization;

namespace HipLog.Bench;

/// <summary>
/// Times concurrent reads with wrk (Debian's package), when it is installed: a client in C takes far less of the two cores
/// than an HttpClient in this process would, so the figures are the Api's and PostgreSQL's rather than the client's.
/// </summary>
public static class Wrk
{
    /// <summary>Prints requests, then p50, p95, p99 and the maximum in milliseconds, then errors, on one line.</summary>
    private const string Percentiles = """
        done = function(summary, latency, requests)
          local e = summary.errors
          io.write(string.format("HIPLOG %d %.3f %.3f %.3f %.3f %d\n", summary.requests, latency:percentile(50) / 1000,
            latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
            e.connect + e.read + e.write + e.status + e.timeout))
        end
        """;

    public static bool Available => File.Exists("/usr/bin/wrk") || File.Exists("/usr/local/bin/wrk");

    public sealed record Figures(int Requests, double P50, double P95, double P99, double Max, int Errors);

    /// <summary>A warm-up of <paramref name="seconds"/>, then a timed run as long, with one connection per client.</summary>
    public static async Task<Figures> TimeAsync(Uri url, string token, int clients, int seconds)
    {
        var script = Path.Combine(Path.GetTempPath(), $"hiplog-wrk-{Environment.ProcessId}.lua");
        await File.WriteAllTextAsync(script, Percentiles);
        try
        {
            await RunAsync(url, token, clients, seconds, null);
            var f = (await RunAsync(url, token, clients, seconds, script)).Split('\n')
                .Single(l => l.StartsWith("HIPLOG ", StringComparison.Ordinal)).Split(' ');
            double Ms(int i) => double.Parse(f[i], CultureInfo.InvariantCulture);
            int Count(int i) => int.Parse(f[i], CultureInfo.InvariantCulture);
            return new Figures(Count(1), Ms(2), Ms(3), Ms(4), Ms(5), Count(6));
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static async Task<string> RunAsync(Uri url, string token, int clients, int seconds, string? script)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-t", Math.Min(2, clients).ToString(CultureInfo.InvariantCulture), "-c",
                     clients.ToString(CultureInfo.InvariantCulture), "-d", $"{seconds}s", "-H", $"Authorization: Bearer {token}" })
            start.ArgumentList.Add(arg);
        if (script is not null)
        {
            start.ArgumentList.Add("-s");
            start.ArgumentList.Add(script);
        }

        start.ArgumentList.Add(url.ToString());
        using var wrk = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start.");
        var output = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        if (wrk.ExitCode != 0)
            throw new InvalidOperationException($"wrk ended with {wrk.ExitCode}: {await wrk.StandardError.ReadToEndAsync()}");
        return output;
    }
}
