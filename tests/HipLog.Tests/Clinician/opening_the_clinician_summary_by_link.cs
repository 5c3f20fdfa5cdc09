using System.Net;
using HipLog.Api.Auth;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;

namespace HipLog.Tests.Clinician;

/// <summary>The summary opened by the report link's token, as a clinician opens it: what it opens, how, and what it refuses.</summary>
[Collection(SummarisedHistoryCollection.Name)]
public sealed class opening_the_clinician_summary_by_link(SummarisedHistory seeded)
{
    private const string Runner = SummarisedHistory.Runner;
    private readonly HipLogApi api = seeded.Api;

    /// <summary>The report links of a runner with a profile and nothing logged.</summary>
    private async Task<(Uri Summary, Uri Report)> Links(string runnerId)
    {
        var runner = api.Runner(runnerId);
        await runner.Profiles.SetAsync(Sample.Profile("Lin"));
        var links = await runner.Trends.LinkAsync();
        return (new Uri(links.SummaryUrl!), new Uri(links.Url!));
    }

    private static string TokenOf(Uri url) => System.Web.HttpUtility.ParseQueryString(url.Query)["link"]!;

    private Task<Answer> Open(string pathAndQuery) => api.CreateClient().GetAnswerAsync(pathAndQuery);

    [Fact]
    public async Task the_summary_link_is_on_the_summary_path_with_the_report_links_token()
    {
        var (summary, report) = await Links("runner-summary-link-path");

        summary.AbsolutePath.ShouldBe("/runners/runner-summary-link-path/clinician-summary");
        TokenOf(summary).ShouldBe(TokenOf(report));
    }

    [Fact]
    public async Task the_summary_link_opens_the_summary_without_a_token()
    {
        var (summary, _) = await Links("runner-summary-link-opens");

        var page = await Open(summary.PathAndQuery + "&weeks=26");

        page.Status.ShouldBe(HttpStatusCode.OK, page.Body);
        page.Body.ShouldContain("(26 weeks,");
        page.Body.ShouldContain("No pain reports in this period.");
    }

    [Fact]
    public async Task the_summary_opened_by_link_loads_nothing_but_its_inline_styles()
    {
        var (summary, _) = await Links("runner-summary-link-csp");

        var csp = (await Open(summary.PathAndQuery)).Headers.GetValues("Content-Security-Policy").Single();

        csp.ShouldContain("default-src 'none'");
        csp.ShouldContain("style-src 'unsafe-inline'");
    }

    [Fact]
    public async Task the_summary_opened_by_link_sends_no_referrer()
    {
        var (summary, _) = await Links("runner-summary-link-referrer");

        (await Open(summary.PathAndQuery)).Headers.GetValues("Referrer-Policy").ShouldBe(["no-referrer"]);
    }

    [Fact]
    public async Task the_summary_opened_by_link_is_never_cached()
    {
        var (summary, _) = await Links("runner-summary-link-no-store");

        (await Open(summary.PathAndQuery)).Headers.CacheControl!.NoStore.ShouldBeTrue();
    }

    [Fact]
    public async Task bad_weeks_through_the_link_are_a_400_problem()
    {
        var (summary, _) = await Links("runner-summary-link-weeks");

        // Never a page or a 500.
        (await Open(summary.PathAndQuery + "&weeks=abc")).IsProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task the_link_opens_no_other_runners_summary()
    {
        var (summary, _) = await Links("runner-summary-link-own");

        (await Open($"/runners/{Runner}/clinician-summary?link={TokenOf(summary)}")).IsProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task an_expired_link_opens_no_summary()
    {
        var expired = new AuthSettings { SigningKey = TestHosts.SigningKey }.MintReportLink("runner-summary-link-expired",
            DateTimeOffset.UtcNow.AddMinutes(-20));

        (await Open($"/runners/runner-summary-link-expired/clinician-summary?link={expired}")).IsProblem(HttpStatusCode.Unauthorized);
    }
}
