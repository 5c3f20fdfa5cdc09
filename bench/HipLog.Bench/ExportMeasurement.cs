using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text.Json;
using HipLog.Api.Auth;

namespace HipLog.Bench;

/// <summary>
/// Times GET /runners/{id}/export for the 3-year runner and a 1-year runner, and reads the Api's resident memory
/// from /proc: the peak (VmHWM) is reset before each export (clear_refs), so the peak read after it is the export's.
/// If the export is streamed, the 3-year runner's peak is no higher than the 1-year runner's.
/// </summary>
public static class ExportMeasurement
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        if (options.Url is null || options.SigningKey is null || options.ApiPid is not { } pid)
            throw new ArgumentException("export needs --url, --signing-key and --api-pid.");
        var auth = new AuthSettings { SigningKey = options.SigningKey };
        using var http = new HttpClient { BaseAddress = new Uri(options.Url), Timeout = TimeSpan.FromMinutes(5) };
        var runners = new[] { Dataset.RunnerId(1), Dataset.LongRunnerId };
        var repeats = Math.Max(1, options.Iterations);

        Console.WriteLine($"| runner | events | runs / pain reports | ZIP | hiplog-export.json | time p50 (min–max), {repeats} exports " +
            $"| " +
            $"Api CPU per export | Api RSS before | Api peak RSS during | peak − before |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        // One export of each first, so that neither pays for JIT compilation.
        foreach (var runner in runners)
            await ExportAsync(http, auth, runner);

        foreach (var runner in runners)
        {
            var times = new List<double>();
            var cpu = new List<double>();
            long before = 0, peak = 0;
            Contents contents = default;
            for (var i = 0; i < repeats; i++)
            {
                ResetPeak(pid);
                var rss = Status(pid, "VmRSS");
                var ticks = CpuTicks(pid);
                var sw = Stopwatch.StartNew();
                var bytes = await ExportAsync(http, auth, runner);
                times.Add(sw.Elapsed.TotalMilliseconds);
                cpu.Add((CpuTicks(pid) - ticks) * 10.0);
                var hwm = Status(pid, "VmHWM");
                if (hwm - rss > peak - before)
                    (before, peak) = (rss, hwm);
                contents = Read(bytes);
            }

            times.Sort();
            cpu.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {runner} | {contents.Events:N0} | {contents.Runs:N0} / {contents.PainReports:N0} | " +
                    $"{contents.ZipBytes / 1024.0 / 1024:F1} MB | {contents.JsonBytes / 1024.0 / 1024:F1} MB | "
                + $"{times[times.Count / 2]:F0} ms ({times[0]:F0}–{times[^1]:F0}) | {cpu[cpu.Count / 2]:F0} ms | {before / 1024.0:F0} " +
                    $"MB " +
                    $"| {peak / 1024.0:F0} MB | {(peak - before) / 1024.0:F1} MB |"));
        }

        return 0;
    }

    private readonly record struct Contents(int Events, int Runs, int PainReports, long ZipBytes, long JsonBytes);

    private static async Task<byte[]> ExportAsync(HttpClient http, AuthSettings auth, string runner)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/runners/{runner}/export");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", auth.MintToken(runner, DateTimeOffset.UtcNow));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>What the ZIP holds, so a truncated or empty export cannot pass for a fast one.</summary>
    private static Contents Read(byte[] bytes)
    {
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        if (zip.Entries.Count != 6)
            throw new InvalidOperationException($"The export holds {zip.Entries.Count} files, not 6.");
        var json = zip.GetEntry("hiplog-export.json")!;
        using var document = JsonDocument.Parse(json.Open());
        var root = document.RootElement;
        return new Contents(root.GetProperty("events").GetArrayLength(), root.GetProperty("runs").GetArrayLength(),
            root.GetProperty("painReports").GetArrayLength(), bytes.Length, json.Length);
    }

    /// <summary>Writing 5 to clear_refs resets the process's peak resident set size (Linux 4.0+).</summary>
    private static void ResetPeak(int pid) => File.WriteAllText($"/proc/{pid}/clear_refs", "5");

    /// <summary>User and system CPU of the process, in clock ticks (10 ms), from /proc/PID/stat.</summary>
    private static long CpuTicks(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    /// <summary>A line of /proc/PID/status, in kB.</summary>
    private static long Status(int pid, string field) =>
        File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith(field + ":", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture)).Single();
}
