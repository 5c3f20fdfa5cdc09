using System.Globalization;
using System.Net;
using System.Text;
using HipLog.Api.Infrastructure;
using HipLog.Domain.Pain;
using HipLog.Domain.Time;
using HipLog.Domain.Trends;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using HipLog.Domain.Wire;

namespace HipLog.Api.Trends;

public static class PainReportPageEndpoint
{
    public const int DefaultDays = 84;

    /// <summary>
    /// A page to open in a browser: daily pain per location with the 7-day mean over it and weekly distance behind,
    /// a table of the last weeks and notes in plain words. A browser cannot send a bearer header, so this page
    /// also takes the token as ?access_token=.
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
        var html = PainReportHtml.Render(daily, training, notes);
        return Results.Content(html, "text/html; charset=utf-8");
    }
}

/// <summary>Server-rendered HTML and SVG, with no script, font or image from anywhere else.</summary>
public static class PainReportHtml
{
    private const int Width = 760, Height = 320, Left = 40, Right = 52, Top = 16, Bottom = 40;
    private const int PlotWidth = Width - Left - Right, PlotHeight = Height - Top - Bottom;
    private static readonly CultureInfo En = CultureInfo.InvariantCulture;

    private static readonly Dictionary<PainLocation, string> Colours = new()
    {
        [PainLocation.FrontHip] = "#d1495b", [PainLocation.Groin] = "#8e44ad", [PainLocation.OuterHip] = "#edae49",
        [PainLocation.Buttock] = "#00798c", [PainLocation.LowerBack] = "#30638e", [PainLocation.Hamstring] = "#3f7d20",
        [PainLocation.Knee] = "#c45ab3", [PainLocation.Other] = "#6c757d",
    };

    public static string Render(PainTrendResponse daily, TrainingLoadResponse load, IReadOnlyList<string> notes)
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
              svg { width: 100%; height: auto; background: #fff; } .axis text, .legend { font-size: 12px; fill: #555; }
              ul.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 12px; font-size: .9rem; }
              .swatch { display: inline-block; width: 14px; height: 4px; vertical-align: middle; margin-right: 4px; }
              table { border-collapse: collapse; width: 100%; font-size: .9rem; } th, td { padding: 6px 8px; border-bottom: 1px solid #ddd; text-align: right; }
              th:first-child, td:first-child { text-align: left; } #notes li { margin-bottom: 6px; } .empty { fill: #777; font-size: 16px; }
              footer { color: #777; font-size: .8rem; margin-top: 24px; }
            </style>
            </head>
            <body>
            <h1>Your hip-pain trend</h1>
            <p class="range">{{Day(range.From)}} to {{Day(range.To)}} · {{Encode(daily.TimeZone)}}</p>
            """);
        Chart(page, daily, load, range);
        Legend(page, daily);
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

    private static void Chart(StringBuilder page, PainTrendResponse daily, TrainingLoadResponse load, DayRange range)
    {
        var span = Math.Max(1, range.To.DayNumber - range.From.DayNumber);
        double X(DateOnly day) => Left + (day.DayNumber - range.From.DayNumber) * (double)PlotWidth / span;
        double Y(double score) => Top + PlotHeight * (1 - score / 10);
        string F(double v) => v.ToString("0.#", En);

        page.Append($"<svg id=\"chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"Daily pain by location with the 7-day mean and weekly distance\">\n");

        var weeks = load.Weeks.Where(w => range.Overlaps(w.Start)).ToList();
        var maxKm = weeks.Select(w => w.DistanceKm).DefaultIfEmpty(0).Max();
        foreach (var week in weeks.Where(w => w.DistanceKm > 0))
        {
            var start = week.Start < range.From ? range.From : week.Start;
            var end = week.Start.AddDays(6) > range.To ? range.To : week.Start.AddDays(6);
            var height = week.DistanceKm / maxKm * PlotHeight * 0.9;
            page.Append($"<rect class=\"distance-bar\" data-week=\"{week.Week}\" x=\"{F(X(start))}\" y=\"{F(Top + PlotHeight - height)}\" width=\"{F(Math.Max(2, X(end) - X(start)))}\" height=\"{F(height)}\" fill=\"#e3e8ee\">");
            page.Append($"<title>{week.Week}: {week.DistanceKm.ToString("0.#", En)} km</title></rect>\n");
        }

        page.Append("<g class=\"axis\">\n");
        for (var score = 0; score <= 10; score += 2)
            page.Append($"<line x1=\"{Left}\" x2=\"{Left + PlotWidth}\" y1=\"{F(Y(score))}\" y2=\"{F(Y(score))}\" stroke=\"#eee\"/><text x=\"{Left - 6}\" y=\"{F(Y(score) + 4)}\" text-anchor=\"end\">{score}</text>\n");
        foreach (var tick in Ticks(range))
            page.Append($"<text x=\"{F(X(tick))}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">{tick.ToString("d MMM", En)}</text>\n");
        if (maxKm > 0)
            page.Append($"<text x=\"{Width - 4}\" y=\"{Top + 10}\" text-anchor=\"end\">{maxKm.ToString("0", En)} km/wk</text>\n");
        page.Append("</g>\n");

        foreach (var location in daily.Rows.GroupBy(r => r.Location).OrderBy(g => g.Key))
        {
            var points = location.GroupBy(r => r.Start).OrderBy(d => d.Key)
                .Select(d => (Day: d.Key, Mean: d.Sum(r => r.Mean * r.Count) / d.Sum(r => r.Count))).ToList();
            var colour = Colours[location.Key];
            var name = Kebab.Of(location.Key);
            page.Append($"<polyline class=\"pain-line\" data-location=\"{name}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{string.Join(' ', points.Select(p => $"{F(X(p.Day))},{F(Y(p.Mean))}"))}\"/>\n");
            foreach (var p in points)
                page.Append($"<circle cx=\"{F(X(p.Day))}\" cy=\"{F(Y(p.Mean))}\" r=\"3\" fill=\"{colour}\"><title>{name} {Day(p.Day)}: {p.Mean.ToString("0.#", En)}</title></circle>\n");
        }

        var mean7 = daily.Overall.Where(o => o.Mean7 is not null).Select(o => $"{F(X(o.Start))},{F(Y(o.Mean7!.Value))}").ToList();
        if (mean7.Count > 0)
            page.Append($"<polyline class=\"mean7\" fill=\"none\" stroke=\"#222\" stroke-width=\"2.5\" stroke-dasharray=\"6 4\" points=\"{string.Join(' ', mean7)}\"/>\n");

        if (daily.Rows.Count == 0)
            page.Append($"<text class=\"empty\" x=\"{Left + PlotWidth / 2}\" y=\"{Top + PlotHeight / 2}\" text-anchor=\"middle\">No pain reports in this period</text>\n");
        page.Append("</svg>\n");
    }

    private static void Legend(StringBuilder page, PainTrendResponse daily)
    {
        page.Append("<ul class=\"legend\">\n");
        foreach (var location in daily.Rows.Select(r => r.Location).Distinct().Order())
            page.Append($"<li><span class=\"swatch\" style=\"background:{Colours[location]}\"></span>{Encode(Kebab.Of(location).Replace('-', ' '))}</li>\n");
        page.Append("<li><span class=\"swatch\" style=\"background:#222\"></span>7-day mean</li>\n");
        page.Append("<li><span class=\"swatch\" style=\"background:#e3e8ee;height:10px\"></span>weekly distance</li>\n</ul>\n");
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

    private static IEnumerable<DateOnly> Ticks(DayRange range)
    {
        var span = range.To.DayNumber - range.From.DayNumber;
        var step = span <= 14 ? 2 : span <= 60 ? 7 : span <= 120 ? 14 : 30;
        for (var day = range.From; day <= range.To; day = day.AddDays(step))
            yield return day;
    }

    private static string Day(DateOnly day) => day.ToString("d MMM yyyy", En);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
