using HipLog.Tests.Support;

namespace HipLog.Tests.Security;

/// <summary>An Api with small limits and one allowed browser origin, to see the limits, headers, CORS and report links at work.</summary>
public sealed class EdgesFixture : IAsyncLifetime
{
    public const string AllowedOrigin = "https://app.hiplog.example";

    public HipLogApi Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Api = new HipLogApi(await TestPostgres.CreateDatabaseAsync("edges"), settings: new Dictionary<string, string?>
        {
            ["RateLimits:RunnerRequestsPerMinute"] = "8",
            ["RateLimits:AnonymousRequestsPerMinute"] = "1000",
            ["Cors:AllowedOrigins:0"] = AllowedOrigin,
        });
        await TestHosts.StartAsync(() => Api.Server);
    }

    public async Task DisposeAsync() => await Api.DisposeAsync();
}
