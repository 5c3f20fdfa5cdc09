using System.Globalization;
using System.Net;
using System.Text;
using HipLog.Domain.Clinician;
using HipLog.Domain.Pain;
using HipLog.Domain.Watch;
using HipLog.Domain.Wire;

namespace HipLog.Api.Clinician;

/// <summary>
/// The clinician summary as one server-rendered page: no script, font or image from anywhere, one inline style sheet
/// (allowed by the report pages' Content-Security-Policy), A4 print rules. Every string a runner typed is encoded.
/// </summary>
public static class ClinicianSummaryHtml
{
    private static readonly CultureInfo En = CultureInfo.InvariantCulture;
    private const int MaxListedDays = 16;

    private const string Style = """
        @page { size: A4; margin: 12mm 12mm 13mm; }
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; font-size: 10pt; line-height: 1.3; color: #111; margin: 0 auto; max-width: 190mm; padding: 12px; }
        h1 { font-size: 15pt; margin: 0 0 2px; } h2 { font-size: 11pt; margin: 12px 0 3px; break-after: avoid; page-break-after: avoid; }
        p { margin: 2px 0; } .who { color: #333; } .glance { margin: 6px 0; }
        .scroll { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; font-size: 9pt; }
        th, td { padding: 2px 5px; border-bottom: 1px solid #ccc; text-align: left; vertical-align: top; }
        th { border-bottom: 1.5px solid #555; font-weight: 600; } .n { text-align: right; white-space: nowrap; } .d { white-space: nowrap; }
        tr { break-inside: avoid; page-break-inside: avoid; }
        .weeks { display: grid; grid-template-columns: repeat(auto-fill, minmax(42mm, 1fr)); gap: 4px 8px; align-items: start; }
        .weeks table { font-size: 8pt; } .weeks th, .weeks td { padding: 1px 2px; }
        #notes td:last-child { overflow-wrap: anywhere; word-break: break-word; }
        .rules { font-size: 8.5pt; color: #333; } td.p { white-space: nowrap; }
        .rising, .high { font-weight: 700; } .more { color: #444; font-style: italic; }
        .none { color: #555; }
        .disclaimer { border: 1px solid #888; padding: 4px 8px; margin-top: 10px; }
        footer { font-size: 8pt; color: #333; margin-top: 8px; } footer p { margin: 1px 0; }
        @media print {
          body { padding: 0; font-size: 8.5pt; line-height: 1.2; } table { font-size: 7.5pt; } th, td { padding: 1px 4px; }
          h1 { font-size: 13pt; } h2 { font-size: 10pt; margin: 7px 0 2px; } .scroll { overflow: visible; }
          .weeks { grid-template-columns: repeat(4, 1fr); } .weeks table { font-size: 7pt; } footer, .rules { font-size: 7pt; }
        }
        """;

    public static string Render(ClinicianSummary s, DateOnly today)
    {
        var sameYear = s.From.Year == s.To.Year;
        string Day(DateOnly d) => d.ToString(sameYear ? "d MMM" : "d MMM yy", En);

        var page = new StringBuilder();
        page.Append($"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>HipLog clinician summary: {E(s.DisplayName)}, {Full(s.From)} to {Full(s.To)}</title>
            <style>
            {Style}
            </style>
            </head>
            <body>
            <h1>Hip-pain summary for a clinician</h1>
            <p class="who" id="who"><strong>{E(s.DisplayName)}</strong> (runner id {E(s.RunnerId)}) · {Full(s.From)} to {Full(s.To)} ({s.Weeks.Count} week{(s.Weeks.Count == 1 ? "" : "s")}, local dates in {E(s.TimeZone)}) · printed {Full(today)}</p>
            <p class="glance" id="glance">{s.PainReports} pain report{Plural(s.PainReports)}, {s.RedFlags.Total} with a red-flag answer; {s.Runs} run{Plural(s.Runs)}, {s.DistanceKm.ToString("0.#", En)} km; {s.StretchSessions} stretch session{Plural(s.StretchSessions)}; {s.Recommendations.Total} recommendation{Plural(s.Recommendations.Total)} from HipLog.</p>

            """);

        Pain(page, s, Day);
        RedFlags(page, s);
        Weeks(page, s);
        Stretches(page, s);
        Recommendations(page, s, Day);
        Notes(page, s, Day);

        page.Append($"""
            <p class="disclaimer" id="not-a-diagnosis"><strong>HipLog does not diagnose.</strong> This page lists what the runner logged and what HipLog's rules suggested; it is no assessment of the cause of the pain. Judging it is the clinician's task.</p>
            <footer>
            <p>¹ Trend: the mean of the later half of a row's reports (in time order) against the mean of the earlier half, the middle report of an odd number counting in neither; {ClinicianSummaries.TrendPoints.ToString("0", En)} point or more higher is <em>rising</em>, {ClinicianSummaries.TrendPoints.ToString("0", En)} point or more lower <em>easing</em>, anything else <em>steady</em>. Scores are 0–10 (numeric rating scale).</p>
            <p>² Acute:chronic ratio at the end of the week (today, for the week under way): 7-day over 28-day exponentially weighted training load (effort × minutes); none before 28 days of history. {PainWatchOptions.Default.HighLoadRatio.ToString("0.0", En)} and above (in bold) is high (Gabbett 2016).</p>
            <p>³ Pain before and after a stretch session as the runner rated it; "eased" counts sessions after which it was lower.</p>
            </footer>
            </body>
            </html>
            """);
        return page.ToString();
    }

    private static void Pain(StringBuilder page, ClinicianSummary s, Func<DateOnly, string> day)
    {
        if (!Open(page, "Pain by place, side and timing", s.Pain.Total, "No pain reports in this period.", "pain",
                "<th>Place</th><th>Side</th><th>When</th><th class=\"n\">Reports</th><th class=\"n\">First</th><th class=\"n\">Worst</th><th class=\"n\">Latest</th><th>Trend¹</th>"))
            return;
        foreach (var r in s.Pain.Shown)
        {
            var trend = r.Trend switch { PainDirection.Rising => "rising", PainDirection.Easing => "easing", PainDirection.Steady => "steady", _ => "– (one report)" };
            page.Append($"<tr><td>{Words(r.Location)}</td><td>{Words(r.Side)}</td><td>{Words(r.Timing)}</td><td class=\"n\">{r.Reports}</td>")
                .Append($"<td class=\"n\">{Score(r.First, day)}</td><td class=\"n\">{Score(r.Worst, day)}</td><td class=\"n\">{Score(r.Latest, day)}</td>")
                .Append($"<td class=\"{Kebab.Of(r.Trend)}\">{trend}</td></tr>\n");
        }

        page.Append("</tbody>\n</table></div>\n");
        More(page, s.Pain.More, "more place, side and timing combination", "s with fewer reports");
    }

    private static void RedFlags(StringBuilder page, ClinicianSummary s)
    {
        if (!Open(page, "Red-flag answers", s.RedFlags.Total, "No red-flag question was answered \"yes\" in this period.", "red-flags",
                "<th>Date</th><th>Place</th><th class=\"n\">Score</th><th>Answered \"yes\" to</th>"))
            return;
        foreach (var r in s.RedFlags.Shown)
            page.Append($"<tr><td class=\"d\">{Full(r.Day)}</td><td class=\"p\">{Words(r.Location)}, {Words(r.Side)}</td><td class=\"n\">{r.Score}/10</td><td>{E(string.Join(" ", r.Questions))}</td></tr>\n");
        page.Append("</tbody>\n</table></div>\n");
        if (s.RedFlags.More == 0)
            return;
        // Two lines of dates at most: a year of daily red flags would otherwise push the page onto a third sheet.
        var days = s.EarlierRedFlagDays;
        var listed = days.Count <= MaxListedDays ? string.Join(", ", days.Select(Full))
            : $"{string.Join(", ", days.Skip(days.Count - MaxListedDays).Select(Full))}, and on {days.Count - MaxListedDays} days from {Full(days[0])} to {Full(days[days.Count - MaxListedDays - 1])}";
        page.Append($"<p class=\"more\">and {s.RedFlags.More} earlier report{Plural(s.RedFlags.More)} with a red-flag answer, on {listed}.</p>\n");
    }

    private static void Weeks(StringBuilder page, ClinicianSummary s)
    {
        page.Append("<h2>Weekly distance and training load</h2>\n<div class=\"weeks\" id=\"weeks\">\n");
        // Thirteen weeks a column: a year of weeks stands side by side in four short tables instead of running down a page.
        foreach (var chunk in s.Weeks.Chunk(13))
        {
            page.Append("<table>\n<thead><tr><th>Week</th><th class=\"n\">km</th><th class=\"n\">±</th><th class=\"n\">A:C²</th></tr></thead>\n<tbody>\n");
            foreach (var w in chunk)
            {
                var change = w.ChangePercent is { } c && !w.SoFar ? $"{(c > 0 ? "+" : "")}{c.ToString("0", En)}%" : "–";
                var high = w.Ratio >= PainWatchOptions.Default.HighLoadRatio;
                var ratio = w.Ratio is { } r ? r.ToString("0.00", En) : "–";
                page.Append($"<tr data-week=\"{w.Week}\"><td class=\"d\">{w.Week}{(w.SoFar ? "*" : "")}</td><td class=\"n\">{w.DistanceKm.ToString("0.0", En)}</td>")
                    .Append($"<td class=\"n\">{change}</td><td class=\"n{(high ? " high" : "")}\">{ratio}</td></tr>\n");
            }

            page.Append("</tbody>\n</table>\n");
        }

        page.Append("</div>\n<p class=\"more\">km: distance run in the ISO week; ±: against the week before; * the week under way, up to today.</p>\n");
    }

    private static void Stretches(StringBuilder page, ClinicianSummary s)
    {
        if (!Open(page, "Stretches done, and the pain around them", s.Stretches.Total, "No stretch sessions logged in this period.", "stretches",
                "<th>Exercise</th><th class=\"n\">Sessions</th><th class=\"n\">Rated</th><th class=\"n\">Pain before → after (mean)³</th><th class=\"n\">Eased / same / raised</th>"))
            return;
        foreach (var r in s.Stretches.Shown)
        {
            var change = r.MeanBefore is { } before && r.MeanAfter is { } after ? $"{before.ToString("0.0", En)} → {after.ToString("0.0", En)}" : "not rated";
            page.Append($"<tr><td>{E(r.Name)}</td><td class=\"n\">{r.Sessions}</td><td class=\"n\">{r.Rated}</td><td class=\"n\">{change}</td><td class=\"n\">{r.Eased} / {r.Same} / {r.Raised}</td></tr>\n");
        }

        page.Append("</tbody>\n</table></div>\n");
        More(page, s.Stretches.More, "more exercise", "s done less often");
    }

    private static void Recommendations(StringBuilder page, ClinicianSummary s, Func<DateOnly, string> day)
    {
        if (!Open(page, "What HipLog recommended", s.Recommendations.Total, "HipLog made no recommendation in this period.", "recommendations",
                "<th>Date</th><th>What</th><th>Place</th><th>Why</th><th>What became of it</th>"))
            return;
        foreach (var r in s.Recommendations.Shown)
        {
            var what = r.Kind == RecommendationKind.ClinicianReferral ? "see a clinician" : "stretch routine";
            page.Append($"<tr><td class=\"d\">{day(r.Day)}</td><td>{what}</td><td class=\"p\">{Words(r.Location)}, {Words(r.Side)}</td><td>{E(string.Join("; ", r.Why))}</td><td>{E(r.Outcome)}</td></tr>\n");
        }

        page.Append("</tbody>\n</table></div>\n");
        if (s.Recommendations.More > 0)
            page.Append($"<p class=\"more\">and {s.Recommendations.More} earlier recommendation{Plural(s.Recommendations.More)} in this period.</p>\n");
        if (s.Rules.Count > 0)
            page.Append($"<p class=\"rules\" id=\"rules\">The rules: {string.Join("; ", s.Rules.Select(r => $"<em>{r.Name}</em>: {r.Meaning}"))}. A red flag is a screening answer or sign after which HipLog advises seeing a clinician instead of stretching.</p>\n");
    }

    private static void Notes(StringBuilder page, ClinicianSummary s, Func<DateOnly, string> day)
    {
        if (s.Notes.Total == 0 || !Open(page, "In the runner's words (latest pain notes)", s.Notes.Total, "", "notes",
                "<th>Date</th><th>Place and score</th><th>Note</th>"))
            return;
        foreach (var n in s.Notes.Shown)
            page.Append($"<tr><td class=\"d\">{day(n.Day)}</td><td>{Words(n.Location)}, {Words(n.Side)}, {n.Score}/10</td><td>{E(n.Text)}</td></tr>\n");
        page.Append("</tbody>\n</table></div>\n");
        if (s.Notes.More > 0)
            page.Append($"<p class=\"more\">and {s.Notes.More} earlier note{Plural(s.Notes.More)}.</p>\n");
    }

    /// <summary>A section's heading and the head of its table, or a sentence saying there is nothing to list.</summary>
    private static bool Open(StringBuilder page, string heading, int total, string empty, string id, string headerCells)
    {
        page.Append($"<h2>{heading}</h2>\n");
        if (total == 0)
        {
            page.Append($"<p class=\"none\">{empty}</p>\n");
            return false;
        }

        page.Append($"<div class=\"scroll\"><table id=\"{id}\">\n<thead><tr>{headerCells}</tr></thead>\n<tbody>\n");
        return true;
    }

    private static void More(StringBuilder page, int more, string what, string rest)
    {
        if (more > 0)
            page.Append($"<p class=\"more\">and {more} {what}{(more == 1 ? rest.TrimStart('s') : rest)}.</p>\n");
    }

    private static string Score(ScoreOn s, Func<DateOnly, string> day) => $"{s.Score} <span class=\"d\">({day(s.Day)})</span>";

    private static string Words<T>(T value) where T : struct, Enum => Kebab.Of(value).Replace('-', ' ');

    private static string Full(DateOnly day) => day.ToString("d MMM yyyy", En);

    private static string Plural(int count) => count == 1 ? "" : "s";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
