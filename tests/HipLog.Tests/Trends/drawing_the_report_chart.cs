using System.Net;
using System.Xml.Linq;
using HipLog.Tests.Support;

namespace HipLog.Tests.Trends;

/// <summary>The report page's SVG read as XML, served by the real Api in process: no browser needed.</summary>
public sealed class drawing_the_report_chart(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HipLogApi api = fixture.Api;

    private static XElement Chart(string page)
    {
        var start = page.IndexOf("<svg id=\"chart\"", StringComparison.Ordinal);
        var end = page.IndexOf("</svg>", start, StringComparison.Ordinal) + "</svg>".Length;
        return XElement.Parse(page[start..end]);
    }

    private static IEnumerable<XElement> All(XElement svg, string name, string cssClass) =>
        svg.Descendants(name).Where(e => (string?)e.Attribute("class") == cssClass);

    [Fact]
    public async Task one_line_per_place_and_side_and_a_marker_with_its_title_for_each_thing_done()
    {
        var history = new ReportHistory("runner-chart", new DateOnly(2026, 11, 25));
        var client = api.ClientFor(history.RunnerId);
        await history.LogAsync(client, api.Store);

        var response = await client.GetAsync($"/runners/{history.RunnerId}/pain-trend/report?{history.Query}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await response.Content.ReadAsStringAsync();
        var svg = Chart(page);

        svg.Attribute("viewBox")!.Value.ShouldBe("0 0 760 400");
        svg.Element("title")!.Value.ShouldBe("Pain by place and side, 22 Oct 2026 to 25 Nov 2026");
        svg.Element("desc")!.Value.ShouldContain("red-flag answer: 1 day");
        All(svg, "polyline", "pain-line").Select(l => $"{l.Attribute("data-location")!.Value}/{l.Attribute("data-side")!.Value}")
            .ShouldBe(["front-hip/left", "groin/both", "outer-hip/right"]);
        // Left solid, both dotted, right dashed; colours from the Okabe–Ito palette.
        All(svg, "polyline", "pain-line").Select(l => ((string?)l.Attribute("stroke-dasharray"), l.Attribute("stroke")!.Value))
            .ShouldBe([(null, "#D55E00"), ("2 4", "#CC79A7"), ("8 4", "#E69F00")]);

        var markers = All(svg, "g", "marker")
            .Select(m => (Kind: m.Attribute("data-kind")!.Value, Day: DateOnly.Parse(m.Attribute("data-day")!.Value),
                Title: m.Element("title")!.Value))
            .ToList();
        markers.Select(m => (m.Kind, m.Day)).ShouldBe(
        [
            ("routine-delivered", history.FirstRoutineSent),
            ("routine-delivered", history.SecondRoutineSentAndDone),
            ("routine-completed", history.SecondRoutineSentAndDone),
            ("stretch-session", history.SecondRoutineSentAndDone),
            ("stretch-session", history.OwnSession),
            ("red-flag", history.RedFlag),
        ]);
        markers[0].Title.ShouldBe("14 Nov 2026: Routine sent for the front of the left hip: Lizard lower lunge");
        markers[2].Title.ShouldBe("20 Nov 2026: Routine for the front of the left hip completed");
        markers[3].Title.ShouldBe("20 Nov 2026: Stretch session, 1 exercise: pain 5 → 3");
        markers[4].Title.ShouldBe("23 Nov 2026: Stretch session, 1 exercise: pain 6 → 4");
        markers[5].Title.ShouldBe("24 Nov 2026: Red flag: pain at night (the front of the left hip, 6/10)");
        All(svg, "g", "marker").ShouldAllBe(m => m.Elements().Count() == 2);

        var reference = All(svg, "g", "reference").Single();
        reference.Element("line")!.Attribute("stroke-dasharray")!.Value.ShouldBe("10 5");
        reference.Element("text")!.Value.ShouldBe("5/10: upper end of acceptable pain");
        All(svg, "rect", "distance-bar").Count().ShouldBe(6);
        svg.Descendants("g").Single(g => (string?)g.Attribute("class") == "axis distance-axis").Value.ShouldContain("km per week");

        page.ShouldContain("<table id=\"chart-data\">");
        page.ShouldContain("<li data-legend=\"line\" data-location=\"groin\" data-side=\"both\">");
        page.ShouldContain("Pain at the front of the left hip is rising: ");
        page.ShouldNotContain("held steady");
    }

    [Fact]
    public async Task the_short_lived_link_opens_the_same_chart()
    {
        var history = new ReportHistory("runner-chart-link", new DateOnly(2026, 11, 25));
        var client = api.ClientFor(history.RunnerId);
        await history.LogAsync(client, api.Store);
        var link = (await (await client.PostAsync($"/runners/{history.RunnerId}/report-links", null))
            .ShouldBeJson(HttpStatusCode.Created))["url"]!.GetValue<string>();

        var byLink = await api.CreateClient().GetStringAsync($"{new Uri(link).PathAndQuery}&{history.Query}");
        var byBearer = await client.GetStringAsync($"/runners/{history.RunnerId}/pain-trend/report?{history.Query}");

        Chart(byLink).ToString().ShouldBe(Chart(byBearer).ToString());
        All(Chart(byLink), "g", "marker").Count().ShouldBe(6);
    }

    [Fact]
    public async Task bad_dates_are_a_problem_not_a_page()
    {
        var client = api.ClientFor("runner-chart-bad");

        await (await client.GetAsync("/runners/runner-chart-bad/pain-trend/report?from=2026-13-01"))
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        await (await client.GetAsync("/runners/runner-chart-bad/pain-trend/report?from=2026-11-20&to=2026-11-01"))
            .ShouldBeProblem(HttpStatusCode.BadRequest);
    }
}
