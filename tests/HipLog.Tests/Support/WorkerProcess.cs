using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace HipLog.Tests.Support;

/// <summary>The Worker as it is deployed: its own process, built next to the tests, on a free loopback port.</summary>
public sealed class WorkerProcess : IDisposable
{
    private readonly Process process;

    private readonly ConcurrentQueue<string> lines;

    private WorkerProcess(Process process, ConcurrentQueue<string> lines) => (this.process, this.lines) = (process, lines);

    /// <summary>What the process has written to its standard output so far.</summary>
    public IReadOnlyCollection<string> Lines => lines;

    public static async Task<WorkerProcess> StartAsync(string connectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        var tests = Path.GetDirectoryName(typeof(WorkerProcess).Assembly.Location)!;
        var configuration = new DirectoryInfo(tests).Parent!.Name;
        var worker = Path.GetFullPath(Path.Combine(tests, "..", "..", "..", "..", "..", "src", "Worker", "bin", configuration,
            "net10.0"));
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", $"\"{Path.Combine(worker, "HipLog.Worker.dll")}\"")
        {
            WorkingDirectory = worker, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            Environment =
            {
                ["ConnectionStrings__hiplog"] = connectionString,
                ["DataRights__ErasureSecret"] = TestHosts.ErasureSecret,
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
                ["DOTNET_ENVIRONMENT"] = "Testing", ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            },
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            start.Environment[key] = value;
        var process = Process.Start(start)!;
        var lines = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is { } data)
                lines.Enqueue(data);
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.Get(async () =>
        {
            try
            {
                return (await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK ? "ready" : null;
            }
            // A process still starting on a busy machine may accept the connection and answer late: ask again.
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return process.HasExited ? throw new InvalidOperationException($"The Worker exited with {process.ExitCode}.") : null;
            }
        }, "the Worker process ready", 60);
        return new WorkerProcess(process, lines);
    }

    /// <summary>SIGKILL: no shutdown, no cleanup, exactly as a crash.</summary>
    public void Kill()
    {
        if (!process.HasExited)
            process.Kill();
        process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
