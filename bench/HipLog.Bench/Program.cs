using System.Globalization;

namespace HipLog.Bench;

/// <summary>
/// dotnet run -c Release --project bench/HipLog.Bench -- seed    --connection "Host=…;Database=…"
/// dotnet run -c Release --project bench/HipLog.Bench -- measure --url http://127.0.0.1:PORT --signing-key KEY
/// bench/run.sh does all three against a throwaway PostgreSQL and a real Api.
/// </summary>
public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
            return Usage();

        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args[1..]);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return Usage();
        }

        try
        {
            return args[0] switch
            {
                "seed" => await Seeder.RunAsync(options),
                "measure" => await Measurement.RunAsync(options),
                "write-script" => WriteLoad.Run(options),
                "sequence" => await WritePath.SequenceAsync(options),
                "rewrites" => await WritePath.RewritesAsync(options),
                "watch-lag" => await WatchAndRebuilds.WatchLagAsync(options),
                "quiet-reports" => await WatchAndRebuilds.QuietReportsAsync(options),
                "rebuild" => await WatchAndRebuilds.RebuildAsync(options),
                "export" => await ExportMeasurement.RunAsync(options),
                "sharing" => await SharingMeasurement.RunAsync(options),
                "replicas" => await Replicas.RunAsync(options),
                _ => Usage(),
            };
        }
        catch (HttpRequestException e)
        {
            Console.Error.WriteLine($"{args[0]}: the Api stopped answering ({e.Message}); did something else stop it?");
            return 1;
        }
    }

    private static int Usage()
    {
        Console.Error.WriteLine("""
            HipLog pain-trend benchmark (run by hand; bench/run.sh runs everything)

              seed     --connection CS [--runners 1000] [--last-day 2026-11-25] [--parallel 2]
                       Appends the data set with Marten; runners whose stream exists are skipped.
              measure  --url URL --signing-key KEY [--runners 1000] [--last-day …] [--requests 2000]
                       [--warmup 200] [--concurrency 4] [--days 90] [--api-pid PID] [--pg-pid POSTMASTER_PID] [--quiet-wait 0]
                       Times GET /runners/{id}/pain-trend?from=&to= over HTTP; with the pids, also the CPU
                       each process spent per request (from /proc). --quiet-wait: seconds to wait for
                       the machine to be under 15% busy before timing.
              export   --url URL --signing-key KEY --api-pid PID [--iterations 5]
                       Times GET /runners/{id}/export for bench-r0001 (1 year) and bench-3y, with the Api's
                       peak resident memory during each export (bench/export.sh runs it on its own cluster).
              replicas --url URL1,URL2 --connection CS --signing-key KEY --worker-pids PID1,PID2 [--runners 100]
                       Writes for the runners across the Apis, kills the Worker holding the pain watch as the first
                       routines fall due, and counts judgements, deliveries and webhook receipts (bench/replicas.sh).
            """);
        return 2;
    }
}

public sealed record BenchOptions
{
    public string? ConnectionString { get; init; }
    public string? Url { get; init; }
    public string? SigningKey { get; init; }
    public int Runners { get; init; } = 1000;
    public DateOnly LastDay { get; init; } = Dataset.DefaultLastDay;
    public int Parallel { get; init; } = 2;
    public int Requests { get; init; } = 2000;
    public int Warmup { get; init; } = 200;
    public int Concurrency { get; init; } = 4;
    public int Days { get; init; } = 90;
    public int Iterations { get; init; } = 300;
    public int QuietWaitSeconds { get; init; }
    public int? ApiPid { get; init; }
    public int? PostgresPid { get; init; }
    public int WriteRunners { get; init; } = 200;
    public string? Output { get; init; }
    public long SinceSeq { get; init; }
    public string Label { get; init; } = "";
    public string[] Projections { get; init; } = ["TrainingLoad", "PainReportView", "RunView"];
    public int[]? WorkerPids { get; init; }

    public string RequireConnectionString() =>
        ConnectionString ?? Environment.GetEnvironmentVariable("ConnectionStrings__hiplog")
        ?? throw new ArgumentException("--connection (or ConnectionStrings__hiplog) is required.");

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            var value = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            o = name switch
            {
                "--connection" => o with { ConnectionString = value },
                "--url" => o with { Url = value.TrimEnd('/') },
                "--signing-key" => o with { SigningKey = value },
                "--runners" => o with { Runners = Int(name, value) },
                "--last-day" => o with { LastDay = DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture) },
                "--parallel" => o with { Parallel = Int(name, value) },
                "--requests" => o with { Requests = Int(name, value) },
                "--warmup" => o with { Warmup = Int(name, value) },
                "--concurrency" => o with { Concurrency = Int(name, value) },
                "--days" => o with { Days = Int(name, value) },
                "--iterations" => o with { Iterations = Int(name, value) },
                "--quiet-wait" => o with { QuietWaitSeconds = Int(name, value) },
                "--api-pid" => o with { ApiPid = Int(name, value) },
                "--pg-pid" => o with { PostgresPid = Int(name, value) },
                "--write-runners" => o with { WriteRunners = Int(name, value) },
                "--out" => o with { Output = value },
                "--since-seq" => o with { SinceSeq = long.Parse(value, CultureInfo.InvariantCulture) },
                "--label" => o with { Label = value },
                "--projections" => o with { Projections = value.Split(',') },
                "--worker-pids" => o with { WorkerPids = value.Split(',').Select(p => Int(name, p)).ToArray() },
                _ => throw new ArgumentException($"Unknown option {name}."),
            };
        }

        return o;
    }

    private static int Int(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 0
            ? n
            : throw new ArgumentException($"{name} takes a whole number, not '{value}'.");
}
