using HipLog.Worker;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace HipLog.Tests.Support;

/// <summary>The real Worker host (Hangfire server, Marten async daemon, dashboard), in memory.</summary>
public sealed class HipLogWorker(string connectionString, IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    : WebApplicationFactory<WorkerProgram>
{
    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureTestServices(s => s.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs));
        builder.UseEnvironment("Testing");
        if (settings?.GetValueOrDefault("Logging:LogLevel:Default") is { } level
            && Enum.TryParse<Microsoft.Extensions.Logging.LogLevel>(level, out var minimum))
            Logs.Minimum = minimum;
        builder.UseSetting("ConnectionStrings:hiplog", connectionString);
        builder.UseSetting("DataRights:ErasureSecret", TestHosts.ErasureSecret);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            builder.UseSetting(key, value);
        if (clock is not null)
            builder.ConfigureTestServices(s => s.AddSingleton(clock));
    }
}
