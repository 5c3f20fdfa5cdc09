using System.Globalization;
using System.Net;
using System.Text;
using HipLog.Domain.Time;
using HipLog.Domain.Trends;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HipLog.Api.Trends;

public static class PainReportPageEndpoint
{
    public const int DefaultDays = 84;

    /// <summary>
    /// A page to open in a browser: daily pain per place and side with the 7-day mean over it, weekly distance behind,
    /// markers for what was done (routines, stretch sessions) and said (red flags), a table of the last weeks and notes
    /// in plain words. Opened with a bearer header, or with a short-lived link (<see cref="CreateReportLinkEndpoint"/>).
    /// </summary>
    [WolverineGet("/runners/{runnerId}/pain-trend/report"), Tags("Trends"), EndpointSummary("Pain-trend report page (HTML)")]
    [ProducesResponseType<string>(StatusCodes.Status200OK, "text/html")]
    public static async Task<IResult> Get(string runnerId, string? from, string? to, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var utcToday = DayRange.UtcToday(clock);
        if (!DayRange.TryParse(from, to, utcToday, DefaultDays, out var utcRange, out var problem))
            return Results.Problem(problem);

        var wide = utcRange.AnyZone(utcToday);
        var pain = await PainTrendQuery.LoadAsync(session, runnerId, wide, ct);
        var load = await TrainingLoadQuery.LoadAsync(session, runnerId, wide, ct);
        var today = DayRange.Today(clock, pain.TimeZone);
        DayRange.TryParse(from, to, today, DefaultDays, out var range, out _);

        var daily = PainTrendQuery.Build(pain, range, "day", today);
        var training = TrainingLoadQuery.Build(load, range, today);
        var notes = pain.Reports.Any(r => range.Contains(r.Day)) || training.Days.Any(d => d.DistanceKm > 0)
            ? TrendNotes.Describe(pain.Reports, training.Days, daily.Current.AsOf, training.Current?.Ratio)
            : ["Nothing logged in this period yet. Log your runs and how your hips feel, and your trend will build up here."];
        var markers = await ReportActivity.LoadAsync(session, runnerId, range, LocalCalendar.ZoneOrUtc(pain.TimeZone), ct);
        var html = PainReportHtml.Render(daily, training, notes, markers);
        return Results.Content(html, "text/html; charset=utf-8");
    }
}

/// <summary>Server-rendered HTML and SVG, with no script, font or image from anywhere else.</summary>
public static class PainReportHtml
{
    private static readonly CultureInfo En = CultureInfo.InvariantCulture;

    public static string Render(PainTrendResponse daily, TrainingLoadResponse load, IReadOnlyList<string> notes, IReadOnlyList<ChartMarker> markers)
    {
        var range = new DayRange(daily.From, daily.To);

        var page = new StringBuilder();
        page.Append($$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>HipLog pain trend</title>
            <style>
              body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; max-width: 820px; padding: 16px; color: #222; }
              h1 { font-size: 1.4rem; margin: 0 0 4px; } p.range { color: #555; margin: 0 0 12px; }
              table { border-collapse: collapse; width: 100%; font-size: .9rem; } th, td { padding: 6px 8px; border-bottom: 1px solid #ddd; text-align: right; }
              th:first-child, td:first-child { text-align: left; } #notes li { margin-bottom: 6px; }
              footer { color: #777; font-size: .8rem; margin-top: 24px; }
              @media (max-width: 480px) { body { padding: 10px; } table { font-size: .8rem; } th, td { padding: 4px 3px; } }
            {{PainChart.Css}}
            </style>
            </head>
            <body>
            <h1>Your hip-pain trend</h1>
            <p class="range">{{Day(range.From)}} to {{Day(range.To)}} · {{Encode(daily.TimeZone)}}</p>
            """);
        page.Append(PainChart.Render(ChartData(daily, load, markers)));
        page.Append("<h2>Notes</h2>\n<ul id=\"notes\">\n");
        foreach (var note in notes)
            page.Append($"<li>{Encode(note)}</li>\n");
        page.Append("</ul>\n");
        WeeksTable(page, daily, load, daily.Current.AsOf);
        page.Append("""
            <footer>Pain on a 0–10 scale. HipLog does not diagnose: if pain is sharp, stops you bearing weight, or keeps you awake, see a clinician.</footer>
            </body>
            </html>
            """);
        return page.ToString();
    }

    /// <summary>The daily rows as one line per place and side, the 7-day mean, the weeks of the range and the markers.</summary>
    public static PainChartData ChartData(PainTrendResponse daily, TrainingLoadResponse load, IReadOnlyList<ChartMarker> markers)
    {
        var range = new DayRange(daily.From, daily.To);
        var lines = daily.Rows.GroupBy(r => (r.Location, r.Side)).OrderBy(g => g.Key)
            .Select(g => new ChartLine(g.Key.Location, g.Key.Side, g.OrderBy(r => r.Start).Select(r => new ChartPoint(r.Start, r.Mean)).ToList()))
            .ToList();
        var mean7 = daily.Overall.Where(o => o.Mean7 is not null).Select(o => new ChartPoint(o.Start, o.Mean7!.Value)).ToList();
        var weeks = load.Weeks.Where(w => range.Overlaps(w.Start)).Select(w => new ChartWeek(w.Week, w.Start, w.DistanceKm)).ToList();
        return new PainChartData(range.From, range.To, lines, mean7, weeks, markers);
    }

    private static void WeeksTable(StringBuilder page, PainTrendResponse daily, TrainingLoadResponse load, DateOnly asOf)
    {
        var pain = daily.Overall.GroupBy(o => IsoWeeks.Monday(o.Start)).ToDictionary(g => g.Key, g => g.ToList());
        var mondays = pain.Keys.Concat(load.Weeks.Select(w => w.Start)).Distinct().OrderDescending().Take(8).ToList();
        page.Append("<h2>Last weeks</h2>\n<table id=\"weeks\">\n<thead><tr><th>Week</th><th>Reports</th><th>Mean pain</th><th>Worst</th><th>Distance (km)</th><th>Change</th></tr></thead>\n<tbody>\n");
        foreach (var monday in mondays)
        {
            var days = pain.GetValueOrDefault(monday) ?? [];
            var count = days.Sum(d => d.Count);
            var mean = count == 0 ? "–" : (days.Sum(d => d.Mean * d.Count) / count).ToString("0.0", En);
            var worst = count == 0 ? "–" : days.Max(d => d.Max).ToString(En);
            var week = load.Weeks.FirstOrDefault(w => w.Start == monday);
            // A week still under way is not set against a whole one.
            var complete = monday.AddDays(6) <= asOf;
            var change = complete && week?.DistanceChangePercent is { } c ? $"{(c > 0 ? "+" : "")}{c.ToString("0", En)}%" : "–";
            var label = complete ? IsoWeeks.Label(monday) : $"{IsoWeeks.Label(monday)} (so far)";
            page.Append($"<tr data-week=\"{IsoWeeks.Label(monday)}\"><td>{label}</td><td>{count}</td><td>{mean}</td><td>{worst}</td><td>{(week?.DistanceKm ?? 0).ToString("0.0", En)}</td><td>{change}</td></tr>\n");
        }
        if (mondays.Count == 0)
            page.Append("<tr><td colspan=\"6\">No weeks with runs or pain reports in this period.</td></tr>\n");
        page.Append("</tbody>\n</table>\n");
    }

    private static string Day(DateOnly day) => day.ToString("d MMM yyyy", En);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
