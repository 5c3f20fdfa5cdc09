using System.Globalization;
using System.Net;
using HipLog.Api.Auth;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;

namespace HipLog.Tests.Clinician;

/// <summary>
/// Six weeks of a Berlin runner's log, seeded once through the real Api and PostgreSQL on the fixture's clock (Thursday
/// 26 November 2026), and the clinician summary of the last twelve weeks read once.
/// </summary>
public sealed class SummarisedHistory : IAsyncLifetime
{
    public const string Runner = "runner-summary";

    public static readonly DateOnly Today = new(2026, 11, 26);

    public HipLogApi Api { get; private set; } = null!;

    public ClinicianHistory History { get; private set; } = null!;

    public Answer Summary { get; private set; } = null!;

    public string Html => Summary.Body;

    public async Task InitializeAsync()
    {
        Api = new HipLogApi(await TestPostgres.CreateDatabaseAsync("clinician"));
        await TestHosts.StartAsync(() => Api.Server);
        History = new ClinicianHistory(Api.ClientFor(Runner), Api.Store, Runner, Today);
        await History.SeedAsync("Ana <b>& Bo</b>");
        Summary = await Api.Runner(Runner).Clinician.SummaryAsync();
    }

    public async Task DisposeAsync() => await Api.DisposeAsync();
}

public sealed class reading_the_clinician_summary(SummarisedHistory seeded) : IClassFixture<SummarisedHistory>
{
    private const string Runner = SummarisedHistory.Runner;
    private readonly HipLogApi api = seeded.Api;
    private readonly string html = seeded.Html;

    private static string Full(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    [Fact]
    public void the_summary_is_an_html_page()
    {
        (seeded.Summary.Status, seeded.Summary.MediaType).ShouldBe((HttpStatusCode.OK, "text/html"), html);
    }

    [Fact]
    public void the_period_is_the_current_iso_week_with_the_eleven_before_on_the_runners_calendar()
    {
        html.ShouldContain("(runner id runner-summary) · 7 Sep 2026 to 26 Nov 2026 (12 weeks, local dates in Europe/Berlin)");
    }

    [Fact]
    public void the_runners_name_shows_as_text()
    {
        html.ShouldContain("Ana &lt;b&gt;&amp; Bo&lt;/b&gt;");
        html.ShouldNotContain("<b>");
    }

    [Fact]
    public void the_page_has_every_section()
    {
        foreach (var section in new[] { "id=\"pain\"", "id=\"red-flags\"", "id=\"weeks\"", "id=\"stretches\"", "id=\"recommendations\"",
            "id=\"notes\"", "id=\"not-a-diagnosis\"" })
            html.ShouldContain(section);
    }

    [Fact]
    public void the_page_says_hiplog_does_not_diagnose()
    {
        html.ShouldContain("HipLog does not diagnose.");
    }

    [Fact]
    public void the_page_prints_on_a4()
    {
        html.ShouldContain("@page { size: A4;");
    }

    [Fact]
    public void the_pain_table_gives_the_first_latest_score_with_the_trend()
    {
        // 41 front-hip reports after running, 2 to 6: first 2 on 16 Oct, latest 6 yesterday, and rising.
        html.ShouldContain("<tr><td>front hip</td><td>left</td><td>after run</td><td class=\"n\">41</td><td class=\"n\">2 <span " +
            "class=\"d\">(16 Oct)</span></td>");
        html.ShouldContain("<td class=\"n\">6 <span class=\"d\">(25 Nov)</span></td><td class=\"rising\">rising</td>");
    }

    [Fact]
    public void every_red_flag_is_dated()
    {
        foreach (var day in seeded.History.RedFlagDays)
            html.ShouldContain($"<td class=\"d\">{Full(day)}</td>");
    }

    [Fact]
    public void a_red_flag_is_given_as_the_questions_the_runner_answered_yes()
    {
        html.ShouldContain("Does it hurt at night?");
        html.ShouldContain("Does it hurt when you are resting? Are you unable to put your full weight on the leg, or limping?");
    }

    [Fact]
    public void every_week_of_the_period_is_a_row_the_current_one_marked()
    {
        html.ShouldContain("<tr data-week=\"2026-W48\"><td class=\"d\">2026-W48*</td>");
        html.ShouldContain("<tr data-week=\"2026-W37\">");
    }

    [Fact]
    public void the_stretch_table_counts_sessions_with_how_the_rated_pain_moved()
    {
        html.ShouldContain("<td>Lizard lower lunge</td><td class=\"n\">2</td><td class=\"n\">2</td><td class=\"n\">4.5 → 3.5</td><td " +
            "class=\"n\">1 / 1 / 0</td>");
    }

    [Fact]
    public void each_recommendation_says_what_the_runner_did_with_it()
    {
        html.ShouldContain("acknowledged by the runner");
        // Answered on the Api's clock, this morning.
        html.ShouldContain("delivered 17 Nov; dismissed by the runner 26 Nov");
        html.ShouldContain("delivered 19 Nov; completed with a stretch session");
    }

    [Fact]
    public void each_recommendation_says_why_by_rules_defined_below()
    {
        html.ShouldContain("red flag: pain at rest; red flag: cannot bear weight");
        html.ShouldContain("<td>flare; streak</td>");
        html.ShouldContain("<em>streak</em>: 3 reports for the place in a row, each higher");
    }

    [Fact]
    public void a_hostile_note_shows_as_text()
    {
        html.ShouldContain("&lt;script&gt;alert(&#x27;hip&#x27;)&lt;/script&gt; sore &amp; stiff");
        html.ShouldNotContain("<script");
    }

    [Fact]
    public async Task a_shorter_period_leaves_out_what_came_before_it()
    {
        var week = (await api.Runner(Runner).Clinician.SummaryAsync("?weeks=1")).Body;

        week.ShouldContain("23 Nov 2026 to 26 Nov 2026 (1 week,");
        week.ShouldContain("3 pain reports, 0 with a red-flag answer; 2 runs, 24 km; 0 stretch sessions; 0 recommendations from HipLog.");
        // The red flags of 6 and 21 November and the recommendations of the weeks before are outside this week.
        week.ShouldContain("No red-flag question was answered");
        week.ShouldContain("HipLog made no recommendation in this period.");
        week.ShouldContain("<tr data-week=\"2026-W48\">");
        week.ShouldNotContain("2026-W47");
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
        var answer = await api.Runner(Runner).Clinician.SummaryAsync($"?weeks={weeks}");

        answer.IsProblem(HttpStatusCode.BadRequest).Fields.ShouldBe(["weeks"]);
    }

    [Fact]
    public async Task another_runners_token_is_a_403()
    {
        (await api.Runner(Runner, api.ClientFor("runner-someone-else")).Clinician.SummaryAsync()).IsProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task no_token_is_a_401()
    {
        (await api.Runner(Runner, api.CreateClient()).Clinician.SummaryAsync()).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

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
