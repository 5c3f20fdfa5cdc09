using System.Diagnostics;

namespace HipLog.Tests.Support;

/// <summary>Debian's headless Chromium, run once per action on a page the Api serves on a loopback port.</summary>
public static class HeadlessChromium
{
    /// <param name="action">--dump-dom (the rendered DOM is the answer), --screenshot=…, --print-to-pdf=….</param>
    public static async Task<string> RunAsync(string action, Uri url, string extra = "")
    {
        var binary = Environment.GetEnvironmentVariable("HIPLOG_CHROMIUM") is { Length: > 0 } configured ? configured
            : new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists)
              ?? throw new InvalidOperationException("Headless Chromium is needed for this test: apt-get install chromium (./test.sh " +
                  "installs it), or set HIPLOG_CHROMIUM.");
        var profile = Directory.CreateTempSubdirectory("hiplog-chromium-");
        try
        {
            var start = new ProcessStartInfo(binary,
                $"--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking " +
                    $"--disable-component-update " +
                $"--disable-sync --user-data-dir={profile.FullName} {extra} {action} \"{url}\"")
            {
                RedirectStandardOutput = true, RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            process.ExitCode.ShouldBe(0);
            return await output;
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    /// <summary>artifacts/ beside HipLog.sln: where the browser tests keep what they rendered, for a person to look at.</summary>
    public static string Artifacts()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "HipLog.sln")))
            directory = directory.Parent;
        var artifacts = Path.Combine(directory?.FullName ?? Path.GetTempPath(), "artifacts");
        Directory.CreateDirectory(artifacts);
        return artifacts;
    }
}
