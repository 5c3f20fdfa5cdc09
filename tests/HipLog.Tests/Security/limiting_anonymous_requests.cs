using System.Net;
using HipLog.Tests.Support;

namespace HipLog.Tests.Security;

/// <summary>An Api of its own: requests without a token share one count per address, so nothing else may send any.</summary>
public sealed class limiting_anonymous_requests : IAsyncLifetime
{
    private HipLogApi api = null!;

    public async Task InitializeAsync()
    {
        api = new HipLogApi(await TestPostgres.CreateDatabaseAsync("anonymous"), settings: new Dictionary<string,
            string?> { ["RateLimits:AnonymousRequestsPerMinute"] = "5" });
        await TestHosts.StartAsync(() => api.Server);
    }

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task requests_without_a_token_are_counted_per_client_address()
    {
        var anonymous = api.CreateClient();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
            answers.Add((await anonymous.GetAsync("/stretches")).StatusCode);

        answers.Take(5).ShouldAllBe(s => s == HttpStatusCode.OK);
        answers.Skip(5).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);
        (await api.ClientFor("runner-known").GetAsync("/runners/runner-known/runs")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
