using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using HipLog.Api.Auth;
using JasperFx.CommandLine;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace HipLog.Tests.Support;

internal static class TestHosts
{
    /// <summary>A key of this run only: a key written in the repository would be refused outside Development.</summary>
    public static readonly string SigningKey = "hiplog-tests-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24));

    /// <summary>The erasure keys' secret, as random as the signing key: nothing in the repository is a secret.</summary>
    public static readonly string ErasureSecret = "hiplog-tests-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24));

    private static readonly SemaphoreSlim StartLock = new(1, 1);

    /// <summary>
    /// Starts hosts one at a time. The hosts no longer depend on which one starts first (each names its own
    /// application assembly; see starting_hosts_in_one_process), but JasperFx still keeps process-wide state
    /// while it discovers and compiles code, and one start at a time keeps that out of any race.
    /// </summary>
    public static async Task StartAsync(Func<object> start)
    {
        await StartLock.WaitAsync();
        try
        {
            await Task.Run(start);
        }
        finally
        {
            StartLock.Release();
        }
    }

    [ModuleInitializer]
    internal static void LetFactoriesStartJasperFxHosts() =>
        // RunJasperFxCommands would otherwise never start the host that WebApplicationFactory builds.
        JasperFxEnvironment.AutoStartHost = true;
}

/// <summary>The real Api, in memory, on its own database, with a clock the test controls and its log lines kept.</summary>
public sealed class HipLogApi(string connectionString, DateTimeOffset? now = null, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset DefaultNow = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);

    public string ConnectionString => connectionString;

    public FakeTimeProvider Clock { get; } = new(now ?? DefaultNow);

    public IDocumentStore Store => Services.GetRequiredService<IDocumentStore>();

    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        if (settings?.GetValueOrDefault("Logging:LogLevel:Default") is { } level
            && Enum.TryParse<Microsoft.Extensions.Logging.LogLevel>(level, out var minimum))
            Logs.Minimum = minimum;
        builder.UseSetting("ConnectionStrings:hiplog", connectionString);
        builder.UseSetting("Auth:SigningKey", TestHosts.SigningKey);
        builder.UseSetting("PublicUrls:Base", "http://localhost");
        builder.UseSetting("DataRights:ErasureSecret", TestHosts.ErasureSecret);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            builder.UseSetting(key, value);
        builder.ConfigureTestServices(s =>
        {
            s.AddSingleton<TimeProvider>(Clock);
            s.AddSingleton<ILoggerProvider>(Logs);
        });
    }

    /// <summary>Tokens are checked against the real clock by the JWT handler, so they are minted on it too.</summary>
    public string TokenFor(string runnerId) => Services.GetRequiredService<AuthSettings>().MintToken(runnerId, DateTimeOffset.UtcNow);

    /// <summary>A clinician's client: the token's subject is the clinician id, and its role claim says clinician.</summary>
    public HttpClient ClinicianClientFor(string clinicianId)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            Services.GetRequiredService<AuthSettings>().MintClinicianToken(clinicianId, DateTimeOffset.UtcNow));
        return client;
    }

    public HttpClient ClientFor(string runnerId)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TokenFor(runnerId));
        // Lets helpers build the runner's own URLs; the Api ignores the header.
        client.DefaultRequestHeaders.Add("X-Test-Runner", runnerId);
        return client;
    }
}

/// <summary>One Api and one database per test class.</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public HipLogApi Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Api = new HipLogApi(await TestPostgres.CreateDatabaseAsync("api"));
        await TestHosts.StartAsync(() => Api.Server);
    }

    public async Task DisposeAsync() => await Api.DisposeAsync();
}
