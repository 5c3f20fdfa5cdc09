using System.Globalization;
using System.Net;
using HipLog.Api.Auth;
using HipLog.Tests.Support;

namespace HipLog.Tests.Clinician;

/// <summary>The clinician summary through the real Api and PostgreSQL, on the fixture's clock (Thursday 26 November 2026).</summary>
public sealed class reading_the_clinician_summary(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private const string Runner = "runner-summary";
    private readonly HipLogApi api = fixture.Api;
    private static readonly DateOnly Today = new(2026, 11, 26);

    private static string Full(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    private async Task<ClinicianHistory> Seeded(string runner)
    {
        var history = new ClinicianHistory(api.ClientFor(runner), api.Store, runner, Today);
        await history.SeedAsync("Ana <b>& Bo</b>");
        return history;
    }

    [Fact]
    public async Task the_page_holds_every_section_the_dates_and_the_runners_words_as_text()
    {
        var history = await Seeded(Runner);

        var response = await api.ClientFor(Runner).GetAsync($"/runners/{Runner}/clinician-summary");
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        // The current ISO week and the eleven before it, in the runner's zone.
        html.ShouldContain("(runner id runner-summary) · 7 Sep 2026 to 26 Nov 2026 (12 weeks, local dates in Europe/Berlin)");
        html.ShouldContain("Ana &lt;b&gt;&amp; Bo&lt;/b&gt;");
        foreach (var section in new[] { "id=\"pain\"", "id=\"red-flags\"", "id=\"weeks\"", "id=\"stretches\"", "id=\"recommendations\"",
            "id=\"notes\"", "id=\"not-a-diagnosis\"" })
            html.ShouldContain(section);
        html.ShouldContain("HipLog does not diagnose.");
        html.ShouldContain("@page { size: A4;");

        // 41 front-hip reports after running, 2 to 6: first 2 on 16 Oct, latest 6 yesterday, and rising.
        html.ShouldContain("<tr><td>front hip</td><td>left</td><td>after run</td><td class=\"n\">41</td><td class=\"n\">2 <span " +
            "class=\"d\">(16 Oct)</span></td>");
        html.ShouldContain("<td class=\"n\">6 <span class=\"d\">(25 Nov)</span></td><td class=\"rising\">rising</td>");
        foreach (var day in history.RedFlagDays)
            html.ShouldContain($"<td class=\"d\">{Full(day)}</td>");
        html.ShouldContain("Does it hurt at night?");
        html.ShouldContain("Does it hurt when you are resting? Are you unable to put your full weight on the leg, or limping?");
        html.ShouldContain("<tr data-week=\"2026-W48\"><td class=\"d\">2026-W48*</td>");
        html.ShouldContain("<tr data-week=\"2026-W37\">");
        html.ShouldContain("<td>Lizard lower lunge</td><td class=\"n\">2</td><td class=\"n\">2</td><td class=\"n\">4.5 → 3.5</td><td " +
            "class=\"n\">1 / 1 / 0</td>");
        html.ShouldContain("acknowledged by the runner");
        // Answered on the Api's clock, this morning.
        html.ShouldContain("delivered 17 Nov; dismissed by the runner 26 Nov");
        html.ShouldContain("delivered 19 Nov; completed with a stretch session");
        html.ShouldContain("red flag: pain at rest; red flag: cannot bear weight");
        html.ShouldContain("<td>flare; streak</td>");
        html.ShouldContain("<em>streak</em>: 3 reports for the place in a row, each higher");
        // The hostile note shows as text; nothing the runner typed becomes markup.
        html.ShouldContain("&lt;script&gt;alert(&#x27;hip&#x27;)&lt;/script&gt; sore &amp; stiff");
        html.ShouldNotContain("<script");
        html.ShouldNotContain("<b>");
    }

    [Fact]
    public async Task a_shorter_period_leaves_out_what_came_before_it()
    {
        await Seeded("runner-summary-short");

        var html = await api.ClientFor("runner-summary-short").GetStringAsync("/runners/runner-summary-short/clinician-summary?weeks=1");

        html.ShouldContain("23 Nov 2026 to 26 Nov 2026 (1 week,");
        html.ShouldContain("3 pain reports, 0 with a red-flag answer; 2 runs, 24 km; 0 stretch sessions; 0 recommendations from HipLog.");
        // The red flags of 6 and 21 November and the recommendations of the weeks before are outside this week.
        html.ShouldContain("No red-flag question was answered");
        html.ShouldContain("HipLog made no recommendation in this period.");
        html.ShouldContain("<tr data-week=\"2026-W48\">");
        html.ShouldNotContain("2026-W47");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("53")]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("")]
    [InlineData("0012")]
    public async Task weeks_outside_1_to_52_is_a_400_problem(string weeks)
    {
        var problem = await (await api.ClientFor(Runner).GetAsync($"/runners/{Runner}/clinician-summary?weeks={weeks}"))
            .ShouldBeProblem(HttpStatusCode.BadRequest);

        problem.ErrorFields().ShouldBe(["weeks"]);
    }

    [Fact]
    public async Task another_runners_token_is_a_403_and_no_token_a_401()
    {
        await (await api.ClientFor("runner-someone-else").GetAsync($"/runners/{Runner}/clinician-summary"))
            .ShouldBeProblem(HttpStatusCode.Forbidden);
        (await api.CreateClient().GetAsync($"/runners/{Runner}/clinician-summary")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task the_report_link_opens_the_summary_for_that_runner_until_it_expires()
    {
        const string runner = "runner-summary-link";
        var client = api.ClientFor(runner);
        (await client.PutJson($"/runners/{runner}/profile", new { displayName = "Lin", timeZone = "Europe/Berlin" }))
            .EnsureSuccessStatusCode();

        var created = await (await client.PostAsync($"/runners/{runner}/report-links", null)).ShouldBeJson(HttpStatusCode.Created);
        var url = new Uri(created["summaryUrl"]!.GetValue<string>());
        url.AbsolutePath.ShouldBe($"/runners/{runner}/clinician-summary");
        var link = System.Web.HttpUtility.ParseQueryString(url.Query)["link"]!;
        link.ShouldBe(System.Web.HttpUtility.ParseQueryString(new Uri(created["url"]!.GetValue<string>()).Query)["link"]);

        var page = await api.CreateClient().GetAsync(url.PathAndQuery + "&weeks=26");
        var html = await page.Content.ReadAsStringAsync();
        page.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain("(26 weeks,");
        html.ShouldContain("No pain reports in this period.");
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldContain("default-src 'none'");
        csp.ShouldContain("style-src 'unsafe-inline'");
        page.Headers.GetValues("Referrer-Policy").ShouldBe(["no-referrer"]);
        page.Headers.CacheControl!.NoStore.ShouldBeTrue();

        // Bad input through the link is a problem too, never a page or a 500.
        await (await api.CreateClient().GetAsync(url.PathAndQuery + "&weeks=abc")).ShouldBeProblem(HttpStatusCode.BadRequest);
        await (await api.CreateClient().GetAsync($"/runners/{Runner}/clinician-summary?link={link}"))
            .ShouldBeProblem(HttpStatusCode.Forbidden);
        var expired = new AuthSettings { SigningKey = TestHosts.SigningKey }.MintReportLink(runner, DateTimeOffset.UtcNow.AddMinutes(-20));
        await (await api.CreateClient().GetAsync($"/runners/{runner}/clinician-summary?link={expired}"))
            .ShouldBeProblem(HttpStatusCode.Unauthorized);
    }
}
