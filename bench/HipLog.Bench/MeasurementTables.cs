using System.Globalization;

namespace HipLog.Bench;

/// <summary>One scenario timed: every latency, sorted, the wall time, the bytes read and the CPU each process used.</summary>
public sealed record TimedScenario(string Name, int Clients, int Requests, int Errors, double[] SortedMs, double WallSeconds, long Bytes,
    CpuSampler.Sample Cpu)
{
    public double PerRequest(double ms) => ms / Requests;

    public double Percentile(double p) => SortedMs.Length == 0 ? double.NaN
        : SortedMs[Math.Clamp((int)Math.Ceiling(p / 100 * SortedMs.Length) - 1, 0, SortedMs.Length - 1)];
}

/// <summary>The measure verb's tables: latency per scenario, and where the CPU went.</summary>
public static class MeasurementTables
{
    public static void PrintLatencies(List<TimedScenario> results)
    {
        Console.WriteLine();
        Console.WriteLine("| Scenario | Clients | Requests | p50 ms | p95 ms | p99 ms | mean ms | max ms | req/s | body KB | errors |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Name} | {r.Clients} | {r.Requests} | {r.Percentile(50):F1} | {r.Percentile(95):F1} | {r.Percentile(99):F1} | "
                + $"{r.SortedMs.Average():F1} | {r.SortedMs[^1]:F1} | {r.Requests / r.WallSeconds:F0} | " +
                    $"{r.Bytes / (double)r.Requests / 1024:F1} | {r.Errors} |"));
        Console.WriteLine();
    }

    /// <summary>CPU per request, from /proc: where the two cores went. "other" is the rest of the machine (should be ~0).</summary>
    public static void PrintCpu(List<TimedScenario> results, BenchOptions options)
    {
        // CPU per request, from /proc: where the two cores went. "other" is the rest of the machine (should be ~0).
        Console.WriteLine($"CPU per request (ms) and machine load ({Environment.ProcessorCount} cores = 100%):");
        Console.WriteLine();
        Console.WriteLine("| Scenario | Clients | Api | PostgreSQL | client | other | machine busy |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            var c = r.Cpu;
            var other = Math.Max(0, c.BusyMs - c.ApiMs - c.PostgresMs - c.ClientMs);
            string Ms(int? pid, double ms) => pid is null ? "–" : r.PerRequest(ms).ToString("F2", CultureInfo.InvariantCulture);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Name} | {r.Clients} | {Ms(options.ApiPid, c.ApiMs)} | {Ms(options.PostgresPid, c.PostgresMs)} | "
                + $"{r.PerRequest(c.ClientMs):F2} | {r.PerRequest(other):F2} | " +
                    $"{c.BusyMs / (r.WallSeconds * 1000 * Environment.ProcessorCount):P0} |"));
        }

        Console.WriteLine();
        var disturbed = results.Where(r
            => r.Cpu.BusyMs - r.Cpu.ApiMs - r.Cpu.PostgresMs - r.Cpu.ClientMs > 0.1 * r.WallSeconds * 1000 * Environment.ProcessorCount)
            .ToList();
        Console.WriteLine(options.ApiPid is null || options.PostgresPid is null
            ? "measure: without --api-pid and --pg-pid, \"other\" includes the Api and PostgreSQL"
            : disturbed.Count == 0
                ? "measure: other processes used under 10% of the machine in every scenario"
                : $"measure: WARNING other processes used over 10% of the machine during: " +
                    $"{string.Join("; ", disturbed.Select(r => $"{r.Name} ({r.Clients} clients)"))}");

        Console.WriteLine();
    }
}
