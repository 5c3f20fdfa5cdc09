using HipLog.Api.Clinician;
using HipLog.Domain.Clinician;
using HipLog.Domain.Pain;
using HipLog.Tests.Support;
using static HipLog.Tests.Clinician.ClinicianSummaryInputs;

namespace HipLog.Tests.Clinician;

/// <summary>The summary's page rendered as the Api renders it, without a host: what it encodes, names and dates.</summary>
public sealed class rendering_the_clinician_summary_page
{
    /// <summary>The page of a runner whose name and note are markup.</summary>
    private static Task<string> TypedMarkup()
    {
        var reports = new[] { Report("2026-11-20T09:00:00+00:00", 4, notes: "<script>alert(1)</script> & more") };
        var summary = ClinicianSummaries.Assemble("runner", "<b>Ana</b>", Berlin, "Europe/Berlin", new DateOnly(2026, 11, 16), Today,
            reports, [], 0, [], []);
        return Pages.RenderAsync<ClinicianSummaryPage>(new Dictionary<string, object?> { ["S"] = summary, ["Today"] = Today });
    }

    [Fact]
    public async Task the_page_encodes_what_the_runner_typed()
    {
        var html = await TypedMarkup();

        html.ShouldNotContain("<script>");
        html.ShouldNotContain("<b>Ana</b>");
        html.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more");
        html.ShouldContain("&lt;b&gt;Ana&lt;/b&gt;");
    }

    [Fact]
    public async Task the_page_names_the_period()
    {
        (await TypedMarkup()).ShouldContain("16 Nov 2026 to 26 Nov 2026");
    }

    [Fact]
    public async Task the_page_says_hiplog_does_not_diagnose()
    {
        (await TypedMarkup()).ShouldContain("HipLog does not diagnose.");
    }

    /// <summary>40 daily reports with a red flag: the 10 latest in rows, 16 earlier ones dated, the 14 before those as a span.</summary>
    private static Task<string> FortyDaysOfRedFlags()
    {
        var reports = Enumerable.Range(0, 40)
            .Select(d => Report($"{new DateOnly(2026, 10, 1).AddDays(d):yyyy-MM-dd}T09:00:00+00:00", 7,
            new RedFlags(true, false, false, false))).ToList();
        var summary = ClinicianSummaries.Assemble("runner", "Ana", Berlin, "Europe/Berlin", new DateOnly(2026, 9, 28), Today, reports, [],
            0, [], []);
        return Pages.RenderAsync<ClinicianSummaryPage>(new Dictionary<string, object?> { ["S"] = summary, ["Today"] = Today });
    }

    [Fact]
    public async Task a_year_of_daily_red_flags_dates_the_latest_earlier_ones()
    {
        (await FortyDaysOfRedFlags()).ShouldContain("and 30 earlier reports with a red-flag answer, on 15 Oct 2026, 16 Oct 2026,");
    }

    [Fact]
    public async Task a_year_of_daily_red_flags_gives_the_rest_as_a_span()
    {
        (await FortyDaysOfRedFlags()).ShouldContain("30 Oct 2026, and on 14 days from 1 Oct 2026 to 14 Oct 2026.</p>");
    }
}
