using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using HipLog.Tests.Support;

namespace HipLog.Tests.Trends;

/// <summary>
/// The report page in a real browser: Debian's headless Chromium loads it from the Api on a loopback port,
/// the test reads the DOM Chromium rendered and keeps a screenshot in artifacts/.
/// </summary>
public sealed partial class viewing_the_report_in_a_browser(LoopbackApiFixture fixture) : IClassFixture<LoopbackApiFixture>
{
    private const string Runner = "runner-report";
    private readonly HipLogApi api = fixture.Api;
    private readonly Uri baseAddress = fixture.BaseAddress;

    [Fact]
    public async Task draws_one_line_per_location_the_7_day_mean_weekly_bars_and_the_weeks_table()
    {
        var client = new HttpClient { BaseAddress = baseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", api.TokenFor(Runner));
        (await client.PutJson($"/runners/{Runner}/profile", new { displayName = "Ana", timeZone = "Europe/Berlin" }))
            .EnsureSuccessStatusCode();
        for (var i = 0; i < 14; i++)
        {
            var day = new DateOnly(2026, 11, 2).AddDays(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            await client.Create($"/runners/{Runner}/runs", Scenarios.Run($"{day}T07:00:00+01:00", distanceKm: i < 7 ? 8 : 11));
            await client.Create($"/runners/{Runner}/pain-reports", Scenarios.Pain($"{day}T09:00:00+01:00", score: i < 7 ? 2 : 5));
            if (i % 3 == 0)
                await client.Create($"/runners/{Runner}/pain-reports", Scenarios.Pain($"{day}T20:00:00+01:00", score: 3, location: "groin")
                    .With("side", "right"));
        }

        var url = new Uri(await LinkAsync(Runner) + "&from=2026-10-26&to=2026-11-15");
        var dom = await Chromium("--dump-dom", url);
        var screenshot = Path.Combine(Artifacts(), "pain-trend-report.png");
        await Chromium($"--screenshot={screenshot}", url, "--window-size=900,1300");

        PainLines().Matches(dom).Select(m => m.Groups[1].Value).ShouldBe(["front-hip", "groin"]);
        dom.ShouldContain("class=\"mean7\"");
        DistanceBars().Matches(dom).Select(m => m.Groups[1].Value).ShouldBe(["2026-W45", "2026-W46"]);
        var rows = WeekRows().Matches(dom).Select(m => Cells().Matches(m.Groups[2].Value).Select(c => c.Groups[1].Value).ToArray())
            .ToList();
        // Week 46: seven front-hip reports of 5 and groin on the 11th and 14th (3): 41/9. Week 45: seven 2s and three 3s: 23/10.
        rows.ShouldBe(
        [
            ["2026-W46", "9", "4.6", "5", "77.0", "+38%"],
            ["2026-W45", "10", "2.3", "3", "56.0", "–"],
        ]);
        dom.ShouldContain("Pain at the front of the left hip is rising: 5.0 on average this week against 2.0 over the 4 weeks before.");
        dom.ShouldContain("Your weekly distance rose 38%: 77.0 km in the last 7 days against 56.0 km in the 7 before.");
        new FileInfo(screenshot).Length.ShouldBeGreaterThan(10_000);
    }

    [Fact]
    public async Task marks_routines_sessions_and_a_red_flag_with_a_legend_the_5_of_10_line_and_a_table()
    {
        var history = new ReportHistory("runner-report-marked", new DateOnly(2026, 11, 15));
        var client = new HttpClient { BaseAddress = baseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", api.TokenFor(history.RunnerId));
        await history.LogAsync(client, api.Store);

        var url = new Uri($"{await LinkAsync(history.RunnerId)}&{history.Query}");
        var dom = await Chromium("--dump-dom", url);
        var screenshot = Path.Combine(Artifacts(), "pain-trend-chart.png");
        var phone = Path.Combine(Artifacts(), "pain-trend-chart-phone.png");
        await Chromium($"--screenshot={screenshot}", url, "--window-size=900,1400");
        await Chromium($"--screenshot={phone}", url, "--window-size=390,1600");

        Markers().Matches(dom).Select(m => $"{m.Groups[1].Value} {m.Groups[2].Value}").ShouldBe(
        [
            "routine-delivered 2026-11-04", "routine-delivered 2026-11-10", "routine-completed 2026-11-10",
            "stretch-session 2026-11-10", "stretch-session 2026-11-13", "red-flag 2026-11-14",
        ]);
        Markers().Matches(dom).Single(m => m.Groups[2].Value == "2026-11-13")
            .Groups[3].Value.ShouldBe("13 Nov 2026: Stretch session, 1 exercise: pain 6 → 4");
        Markers().Matches(dom).Single(m => m.Groups[1].Value == "red-flag").Groups[3].Value.ShouldContain("pain at night");
        PainLines().Matches(dom).Select(m => m.Groups[1].Value).ShouldBe(["front-hip", "groin", "outer-hip"]);
        LegendEntries().Matches(dom).Select(m => m.Groups[1].Value).ShouldBe(
            ["line", "line", "line", "sides", "mean7", "reference", "distance", "routine-delivered", "routine-completed",
                "stretch-session", "red-flag"]);
        dom.ShouldContain("Front of the left hip</li>");
        dom.ShouldContain("Both sides of the groin</li>");
        dom.ShouldContain("5/10: upper end of acceptable pain</text>");
        dom.ShouldContain("<g class=\"reference\">");
        dom.ShouldContain("<table id=\"chart-data\">");
        dom.ShouldContain("<td>Stretch session, 1 exercise: pain 6 → 4</td>");
        dom.ShouldContain("Pain at the front of the left hip is rising: ");
        new FileInfo(screenshot).Length.ShouldBeGreaterThan(10_000);
        new FileInfo(phone).Length.ShouldBeGreaterThan(10_000);
    }

    [Fact]
    public async Task an_empty_range_shows_an_empty_chart_and_a_friendly_sentence()
    {
        var url = new Uri(await LinkAsync("runner-nothing-yet"));

        var dom = await Chromium("--dump-dom", url);

        dom.ShouldContain("<svg id=\"chart\"");
        PainLines().Matches(dom).ShouldBeEmpty();
        dom.ShouldContain("Nothing logged in this period yet.");
    }

    [Fact]
    public async Task without_a_link_the_page_is_a_401_and_another_runners_link_a_403()
    {
        var client = new HttpClient { BaseAddress = baseAddress };
        var othersLink = new Uri(await LinkAsync("someone-else"));

        (await client.GetAsync($"/runners/{Runner}/pain-trend/report")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.GetAsync($"/runners/{Runner}/pain-trend/report{othersLink.Query}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        // A general token is not taken from a URL, on this page or any other.
        (await client.GetAsync($"/runners/{Runner}/pain-trend/report?access_token={api.TokenFor(Runner)}"))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.GetAsync($"/runners/{Runner}/runs{othersLink.Query}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    /// <summary>What the README tells a runner to do: ask for a short-lived link, and open it.</summary>
    private async Task<string> LinkAsync(string runnerId)
    {
        var client = new HttpClient { BaseAddress = baseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", api.TokenFor(runnerId));
        return (await (await client.PostAsync($"/runners/{runnerId}/report-links", null))
            .ShouldBeJson(HttpStatusCode.Created))["url"]!.GetValue<string>();
    }

    private static Task<string> Chromium(string action, Uri url, string extra = "") => HeadlessChromium.RunAsync(action, url, extra);

    private static string Artifacts() => HeadlessChromium.Artifacts();

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
