using System.Net;
using System.Net.Http.Headers;
using HipLog.Api.Auth;
using HipLog.Api.Trends;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;

namespace HipLog.Tests.Security;

/// <summary>A report link opens one runner's report page for fifteen minutes without a token; a bearer token, only in the header.</summary>
public sealed class opening_report_links(EdgesFixture fixture) : IClassFixture<EdgesFixture>
{
    private readonly HipLogApi api = fixture.Api;

    [Fact]
    public async Task a_report_link_lasts_fifteen_minutes()
    {
        var link = await ReportLink("runner-link-lasts");

        // Link tokens are checked against the real clock, and dated by it.
        (link.ExpiresAt - DateTimeOffset.UtcNow).ShouldBeInRange(TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
    }

    [Fact]
    public async Task a_report_link_points_at_that_runners_report_page()
    {
        var link = await ReportLink("runner-link-path");

        new Uri(link.Url!).AbsolutePath.ShouldBe("/runners/runner-link-path/pain-trend/report");
    }

    [Fact]
    public async Task a_report_link_opens_the_page_without_a_token()
    {
        var link = await ReportLink("runner-link-opens");

        (await api.CreateClient().GetAnswerAsync(new Uri(link.Url!).PathAndQuery)).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task the_report_page_may_load_nothing_from_elsewhere_nor_be_framed()
    {
        var page = await api.CreateClient().GetAnswerAsync(new Uri((await ReportLink("runner-link-csp")).Url!).PathAndQuery);

        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldContain("default-src 'none'");
        csp.ShouldContain("frame-ancestors 'none'");
    }

    [Fact]
    public async Task the_report_page_sends_no_referrer()
    {
        var page = await api.CreateClient().GetAnswerAsync(new Uri((await ReportLink("runner-link-referrer")).Url!).PathAndQuery);

        page.Headers.GetValues("Referrer-Policy").ShouldBe(["no-referrer"]);
    }

    [Fact]
    public async Task the_report_page_is_never_cached()
    {
        var page = await api.CreateClient().GetAnswerAsync(new Uri((await ReportLink("runner-link-no-store")).Url!).PathAndQuery);

        page.Headers.CacheControl!.NoStore.ShouldBeTrue();
    }

    [Fact]
    public async Task a_report_link_opens_no_other_runners_page()
    {
        var link = LinkToken(await ReportLink("runner-link-own"));

        (await api.CreateClient().GetAnswerAsync($"/runners/runner-other/pain-trend/report?link={link}"))
            .IsProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task a_report_link_is_no_bearer_token()
    {
        var link = LinkToken(await ReportLink("runner-link-bearer"));
        var withLinkAsBearer = api.CreateClient();
        withLinkAsBearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", link);

        (await withLinkAsBearer.GetAnswerAsync("/runners/runner-link-bearer/runs")).IsProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task a_bearer_token_in_the_url_opens_no_page()
    {
        var answer = await api.CreateClient()
            .GetAnswerAsync($"/runners/runner-link-token/pain-trend/report?access_token={api.TokenFor("runner-link-token")}");

        answer.IsProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task an_expired_report_link_opens_no_page()
    {
        var expired = new AuthSettings { SigningKey = TestHosts.SigningKey }.MintReportLink("runner-link-expired",
            DateTimeOffset.UtcNow.AddMinutes(-20));

        (await api.CreateClient().GetAnswerAsync($"/runners/runner-link-expired/pain-trend/report?link={expired}"))
            .IsProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task an_app_opens_the_report_page_with_its_bearer_token_in_the_header()
    {
        var runner = api.Runner("runner-link-app");
        await runner.Profiles.SetAsync(Sample.Profile("Lin"));

        (await runner.GetAsync($"{runner.Path}/pain-trend/report")).Status.ShouldBe(HttpStatusCode.OK);
    }

    private async Task<ReportLinkResponse> ReportLink(string runnerId)
    {
        var runner = api.Runner(runnerId);
        await runner.Profiles.SetAsync(Sample.Profile("Lin"));
        return await runner.Trends.LinkAsync();
    }

    private static string LinkToken(ReportLinkResponse link) => System.Web.HttpUtility.ParseQueryString(new Uri(link.Url!).Query)["link"]!;
}
