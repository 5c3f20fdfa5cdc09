using System.Net;
using HipLog.Api.CalendarFeeds;
using HipLog.Api.Trends;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;

namespace HipLog.Tests.Security;

/// <summary>
/// A link carries a token or a feed secret, so it starts with the configured public address: a forged Host or a
/// forwarded scheme must not send it anywhere else.
/// </summary>
public sealed class building_links_from_configuration : IAsyncLifetime
{
    private const string Base = "https://hiplog.example";
    private HipLogApi api = null!;

    public async Task InitializeAsync()
    {
        api = new HipLogApi(await TestPostgres.CreateDatabaseAsync("links"),
            settings: new Dictionary<string, string?> { ["PublicUrls:Base"] = Base + "/" });
        await TestHosts.StartAsync(() => api.Server);
    }

    public async Task DisposeAsync() => await api.DisposeAsync();

    private RunnerClient Forged(string runnerId)
    {
        var client = api.ClientFor(runnerId);
        client.DefaultRequestHeaders.Host = "hiplog.attacker.example";
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "http");
        client.DefaultRequestHeaders.Add("X-Forwarded-Host", "hiplog.attacker.example");
        return api.Runner(runnerId, client);
    }

    [Fact]
    public async Task report_links_start_with_the_configured_address_whatever_host_was_asked()
    {
        var runner = Forged("runner-links-report");
        await runner.Profiles.SetAsync(Sample.Profile("Lou"));

        var links = (await runner.PostAsync($"{runner.Path}/report-links")).Is<ReportLinkResponse>(HttpStatusCode.Created);

        new[] { links.Url, links.SummaryUrl }.ShouldAllBe(url => url != null && url.StartsWith(Base + "/runners/runner-links-report/"));
    }

    [Fact]
    public async Task a_calendar_feed_address_starts_with_the_configured_address_whatever_host_was_asked()
    {
        var runner = Forged("runner-links-feed");
        await runner.Profiles.SetAsync(Sample.Profile("Lou"));

        var feed = (await runner.PostAsync($"{runner.Path}/calendar-feed")).Is<CalendarFeedResponse>(HttpStatusCode.Created);

        feed.Url.ShouldNotBeNull().ShouldStartWith(Base + "/calendar/");
    }

    [Theory]
    [InlineData("")]
    [InlineData("hiplog.example")]
    [InlineData("ftp://hiplog.example")]
    [InlineData("https://hiplog.example/?next=1")]
    public async Task the_api_refuses_to_start_without_an_absolute_public_address(string configured)
    {
        await using var unset = new HipLogApi(await TestPostgres.CreateDatabaseAsync("no-links"),
            settings: new Dictionary<string, string?> { ["PublicUrls:Base"] = configured });

        var refusal = await Should.ThrowAsync<InvalidOperationException>(() => TestHosts.StartAsync(() => unset.Server));

        refusal.Message.ShouldContain("PublicUrls__Base");
    }
}
