using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;

namespace HipLog.Tests.Trends;

/// <summary>
/// The report page in a real browser: Debian's headless Chromium loads three pages once from the Api on a loopback port (two
/// weeks of runs and pain, five weeks with things done, and nothing at all), the tests read the DOM Chromium rendered, and the
/// screenshots stay in artifacts/.
/// </summary>
public sealed class BrowsedReports : IAsyncLifetime
{
    public const string Runner = "runner-report";

    private readonly LoopbackApiFixture loopback = new();

    public HipLogApi Api => loopback.Api;

    public Uri BaseAddress => loopback.BaseAddress;

    /// <summary>Two weeks of daily runs and front-hip pain, the groin every third day.</summary>
    public string TwoWeeks { get; private set; } = "";

    /// <summary>Five weeks with routines, sessions and a red flag marked.</summary>
    public string Marked { get; private set; } = "";

    public string Empty { get; private set; } = "";

    public IReadOnlyList<string> Screenshots { get; private set; } = [];

    public async Task InitializeAsync()
    {
        await loopback.InitializeAsync();
        var runner = Api.Runner(Runner, Client(Runner));
        await runner.Profiles.SetAsync(Sample.Profile("Ana"));
        for (var i = 0; i < 14; i++)
        {
            var day = new DateOnly(2026, 11, 2).AddDays(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            await runner.Runs.CreateAsync(Sample.Run($"{day}T07:00:00+01:00", distanceKm: i < 7 ? 8 : 11));
            await runner.Pain.CreateAsync(Sample.Pain($"{day}T09:00:00+01:00", score: i < 7 ? 2 : 5));
            if (i % 3 == 0)
                await runner.Pain.CreateAsync(Sample.Pain($"{day}T20:00:00+01:00", score: 3, location: Domain.Pain.PainLocation.Groin)
                    with { Side = Domain.Pain.BodySide.Right });
        }

        var twoWeeks = new Uri(await LinkAsync(Runner) + "&from=2026-10-26&to=2026-11-15");
        TwoWeeks = await HeadlessChromium.RunAsync("--dump-dom", twoWeeks);
        var screenshot = Path.Combine(HeadlessChromium.Artifacts(), "pain-trend-report.png");
        await HeadlessChromium.RunAsync($"--screenshot={screenshot}", twoWeeks, "--window-size=900,1300");

        var history = new ReportHistory("runner-report-marked", new DateOnly(2026, 11, 15));
        await history.LogAsync(Client(history.RunnerId), Api.Store);
        var marked = new Uri($"{await LinkAsync(history.RunnerId)}&{history.Query}");
        Marked = await HeadlessChromium.RunAsync("--dump-dom", marked);
        var chart = Path.Combine(HeadlessChromium.Artifacts(), "pain-trend-chart.png");
        var phone = Path.Combine(HeadlessChromium.Artifacts(), "pain-trend-chart-phone.png");
        await HeadlessChromium.RunAsync($"--screenshot={chart}", marked, "--window-size=900,1400");
        await HeadlessChromium.RunAsync($"--screenshot={phone}", marked, "--window-size=390,1600");

        Empty = await HeadlessChromium.RunAsync("--dump-dom", new Uri(await LinkAsync("runner-nothing-yet")));
        Screenshots = [screenshot, chart, phone];
    }

    public Task DisposeAsync() => loopback.DisposeAsync();

    /// <summary>A client of the loopback port with the runner's token.</summary>
    public HttpClient Client(string runnerId)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", Api.TokenFor(runnerId));
        return client;
    }

    /// <summary>What the README tells a runner to do: ask for a short-lived link, and open it.</summary>
    public async Task<string> LinkAsync(string runnerId) => (await Api.Runner(runnerId, Client(runnerId)).Trends.LinkAsync()).Url!;
}

public sealed partial class viewing_the_report_in_a_browser(BrowsedReports pages) : IClassFixture<BrowsedReports>
{
    private const string Runner = BrowsedReports.Runner;

    [Fact]
    public void every_screenshot_holds_a_rendered_page()
    {
        foreach (var screenshot in pages.Screenshots)
            new FileInfo(screenshot).Length.ShouldBeGreaterThan(10_000, screenshot);
    }

    [Fact]
    public void the_chart_draws_a_line_per_location_reported()
    {
        PainLines().Matches(pages.TwoWeeks).Select(m => m.Groups[1].Value).ShouldBe(["front-hip", "groin"]);
        PainLines().Matches(pages.Marked).Select(m => m.Groups[1].Value).ShouldBe(["front-hip", "groin", "outer-hip"]);
    }

    [Fact]
    public void the_chart_draws_the_7_day_mean()
    {
        pages.TwoWeeks.ShouldContain("class=\"mean7\"");
    }

    [Fact]
    public void the_chart_draws_a_distance_bar_per_week()
    {
        DistanceBars().Matches(pages.TwoWeeks).Select(m => m.Groups[1].Value).ShouldBe(["2026-W45", "2026-W46"]);
    }

    [Fact]
    public void the_weeks_table_gives_each_weeks_reports_mean_worst_distance_with_the_change()
    {
        var rows = WeekRows().Matches(pages.TwoWeeks)
            .Select(m => Cells().Matches(m.Groups[2].Value).Select(c => c.Groups[1].Value).ToArray()).ToList();

        // Week 46: seven front-hip reports of 5 and groin on the 11th and 14th (3): 41/9. Week 45: seven 2s and three 3s: 23/10.
        rows.ShouldBe(
        [
            ["2026-W46", "9", "4.6", "5", "77.0", "+38%"],
            ["2026-W45", "10", "2.3", "3", "56.0", "–"],
        ]);
    }

    [Fact]
    public void the_page_says_which_pain_is_rising()
    {
        pages.TwoWeeks.ShouldContain(
            "Pain at the front of the left hip is rising: 5.0 on average this week against 2.0 over the 4 weeks before.");
        pages.Marked.ShouldContain("Pain at the front of the left hip is rising: ");
    }

    [Fact]
    public void the_page_says_how_far_the_weekly_distance_rose()
    {
        pages.TwoWeeks.ShouldContain("Your weekly distance rose 38%: 77.0 km in the last 7 days against 56.0 km in the 7 before.");
    }

    [Fact]
    public void each_thing_done_is_a_marker_on_its_day()
    {
        Markers().Matches(pages.Marked).Select(m => $"{m.Groups[1].Value} {m.Groups[2].Value}").ShouldBe(
        [
            "routine-delivered 2026-11-04", "routine-delivered 2026-11-10", "routine-completed 2026-11-10",
            "stretch-session 2026-11-10", "stretch-session 2026-11-13", "red-flag 2026-11-14",
        ]);
    }

    [Fact]
    public void a_marker_is_titled_with_what_was_done()
    {
        var markers = Markers().Matches(pages.Marked);

        markers.Single(m => m.Groups[2].Value == "2026-11-13").Groups[3].Value
            .ShouldBe("13 Nov 2026: Stretch session, 1 exercise: pain 6 → 4");
        markers.Single(m => m.Groups[1].Value == "red-flag").Groups[3].Value.ShouldContain("pain at night");
    }

    [Fact]
    public void the_legend_lists_every_kind_of_mark_on_the_chart()
    {
        LegendEntries().Matches(pages.Marked).Select(m => m.Groups[1].Value).ShouldBe(
            ["line", "line", "line", "sides", "mean7", "reference", "distance", "routine-delivered", "routine-completed",
                "stretch-session", "red-flag"]);
    }

    [Fact]
    public void the_legend_names_each_line_by_its_place_with_its_side()
    {
        pages.Marked.ShouldContain("Front of the left hip</li>");
        pages.Marked.ShouldContain("Both sides of the groin</li>");
    }

    [Fact]
    public void the_chart_draws_the_5_of_10_line()
    {
        pages.Marked.ShouldContain("5/10: upper end of acceptable pain</text>");
        pages.Marked.ShouldContain("<g class=\"reference\">");
    }

    [Fact]
    public void the_chart_has_a_table_of_what_it_draws()
    {
        pages.Marked.ShouldContain("<table id=\"chart-data\">");
        pages.Marked.ShouldContain("<td>Stretch session, 1 exercise: pain 6 → 4</td>");
    }

    [Fact]
    public void an_empty_range_draws_an_empty_chart()
    {
        pages.Empty.ShouldContain("<svg id=\"chart\"");
        PainLines().Matches(pages.Empty).ShouldBeEmpty();
    }

    [Fact]
    public void an_empty_range_says_nothing_is_logged_yet()
    {
        pages.Empty.ShouldContain("Nothing logged in this period yet.");
    }

    [Fact]
    public async Task without_a_link_the_page_is_a_401()
    {
        var browser = new HttpClient { BaseAddress = pages.BaseAddress };

        (await browser.GetAsync($"/runners/{Runner}/pain-trend/report")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task another_runners_link_is_a_403()
    {
        var browser = new HttpClient { BaseAddress = pages.BaseAddress };
        var othersLink = new Uri(await pages.LinkAsync("someone-else"));

        (await browser.GetAsync($"/runners/{Runner}/pain-trend/report{othersLink.Query}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task a_bearer_token_is_not_taken_from_the_url()
    {
        var browser = new HttpClient { BaseAddress = pages.BaseAddress };

        (await browser.GetAsync($"/runners/{Runner}/pain-trend/report?access_token={pages.Api.TokenFor(Runner)}"))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task a_link_opens_no_other_path()
    {
        var browser = new HttpClient { BaseAddress = pages.BaseAddress };
        var othersLink = new Uri(await pages.LinkAsync("someone-else"));

        (await browser.GetAsync($"/runners/{Runner}/runs{othersLink.Query}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [GeneratedRegex("<polyline class=\"pain-line\" data-location=\"([a-z-]+)\"")]
    private static partial Regex PainLines();

    [GeneratedRegex("<g class=\"marker\" data-kind=\"([a-z-]+)\" data-day=\"([0-9-]+)\"><title>([^<]*)</title>")]
    private static partial Regex Markers();

    [GeneratedRegex("<li data-legend=\"([a-z0-9-]+)\"")]
    private static partial Regex LegendEntries();

    [GeneratedRegex("<rect class=\"distance-bar\" data-week=\"([0-9W-]+)\"")]
    private static partial Regex DistanceBars();

    [GeneratedRegex("<tr data-week=\"([0-9W-]+)\">(.*?)</tr>")]
    private static partial Regex WeekRows();

    [GeneratedRegex("<td>(.*?)</td>")]
    private static partial Regex Cells();
}
