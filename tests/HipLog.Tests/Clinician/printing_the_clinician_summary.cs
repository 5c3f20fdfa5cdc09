using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using HipLog.Api.Http.Lists;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;

namespace HipLog.Tests.Clinician;

/// <summary>
/// The clinician summary of a busy runner's year, printed by a real headless Chromium to an A4 PDF. What is checked:
/// the page count in the PDF itself (its /Type /Page objects), and the red-flag dates, the sections and the encoded
/// note in the DOM Chromium rendered from the same link (the PDF's text is in compressed, subset-font streams, so
/// it is not searched). The PDF and a screenshot stay in artifacts/ for a person to look at.
/// </summary>
public sealed partial class printing_the_clinician_summary(LoopbackApiFixture fixture) : IClassFixture<LoopbackApiFixture>
{
    private const string Runner = "runner-clinician";
    private readonly HipLogApi api = fixture.Api;
    private readonly Uri baseAddress = fixture.BaseAddress;

    [Fact]
    public async Task a_busy_year_prints_on_at_most_two_a4_pages_with_every_red_flag_date()
    {
        var client = new HttpClient { BaseAddress = baseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", api.TokenFor(Runner));
        // The fixture's clock stands at Monday 16 November 2026, 11:00 in Berlin.
        var history = new ClinicianHistory(client, api.Store, Runner, new DateOnly(2026, 11, 16));
        await history.SeedAsync("Ana", busy: true);
        var links = await api.Runner(Runner, client).Trends.LinkAsync();
        var url = new Uri(links.SummaryUrl + "&weeks=52");

        var pdf = Path.Combine(HeadlessChromium.Artifacts(), "clinician-summary.pdf");
        var screenshot = Path.Combine(HeadlessChromium.Artifacts(), "clinician-summary.png");
        File.Delete(pdf);
        await HeadlessChromium.RunAsync($"--print-to-pdf={pdf}", url, "--no-pdf-header-footer");
        await HeadlessChromium.RunAsync($"--screenshot={screenshot}", url, "--window-size=900,2600");
        var dom = await HeadlessChromium.RunAsync("--dump-dom", url);
        await File.WriteAllTextAsync(Path.Combine(HeadlessChromium.Artifacts(), "clinician-summary.html"), dom);

        var pages = Pages().Matches(Encoding.Latin1.GetString(await File.ReadAllBytesAsync(pdf))).Count;
        pages.ShouldBeInRange(1, 2);
        new FileInfo(screenshot).Length.ShouldBeGreaterThan(10_000);

        history.RedFlagDays.Count.ShouldBe(22);
        // The ten latest red-flag reports have a row each; the twelve before are dated in the line below the table.
        foreach (var day in history.RedFlagDays)
            dom.ShouldContain(day.ToString("d MMM yyyy", CultureInfo.InvariantCulture));
        dom.ShouldContain("and 12 earlier reports with a red-flag answer, on ");
        foreach (var section in new[] { "id=\"pain\"", "id=\"red-flags\"", "id=\"weeks\"", "id=\"stretches\"", "id=\"recommendations\"",
            "id=\"notes\"", "id=\"not-a-diagnosis\"" })
            dom.ShouldContain(section);
        WeekRows().Matches(dom).Count.ShouldBe(52);
        dom.ShouldContain("more place, side and timing combinations with fewer reports.");
        dom.ShouldContain("earlier recommendations in this period.");
        dom.ShouldContain("&lt;script&gt;alert('hip')&lt;/script&gt; sore &amp; stiff");
        dom.ShouldNotContain("<script");
    }

    /// <summary>A page object; the page tree's own /Type /Pages is not one.</summary>
    [GeneratedRegex(@"/Type\s*/Page(?![A-Za-z])")]
    private static partial Regex Pages();

    [GeneratedRegex("<tr data-week=\"[0-9W-]+\">")]
    private static partial Regex WeekRows();
}
