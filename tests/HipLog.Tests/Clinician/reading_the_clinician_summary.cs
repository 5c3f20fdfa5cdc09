using System.Globalization;
using System.Net;

namespace HipLog.Tests.Clinician;

/// <summary>What the clinician summary of the seeded six weeks says, section by section.</summary>
[Collection(SummarisedHistoryCollection.Name)]
public sealed class reading_the_clinician_summary(SummarisedHistory seeded)
{
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
}
