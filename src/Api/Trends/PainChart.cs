using System.Globalization;
using System.Net;
using System.Text;
using HipLog.Domain.Pain;
using HipLog.Domain.Trends;
using HipLog.Domain.Wire;

namespace HipLog.Api.Trends;

public enum ChartMarkerKind { RoutineDelivered, RoutineCompleted, StretchSession, RedFlag }

public sealed record ChartPoint(DateOnly Day, double Mean);

/// <summary>One place and side: its daily mean pain.</summary>
public sealed record ChartLine(PainLocation Location, BodySide Side, IReadOnlyList<ChartPoint> Points);

/// <summary>Something done or answered on a day; <paramref name="Text"/> is its tooltip and table text.</summary>
public sealed record ChartMarker(DateOnly Day, ChartMarkerKind Kind, string Text);

public sealed record ChartWeek(string Week, DateOnly Start, double DistanceKm);

/// <param name="Mean7">The 7-day mean of all places together, per day.</param>
public sealed record PainChartData(
    DateOnly From, DateOnly To, IReadOnlyList<ChartLine> Lines, IReadOnlyList<ChartPoint> Mean7, IReadOnlyList<ChartWeek> Weeks, IReadOnlyList<ChartMarker> Markers);

/// <summary>
/// Colours that readers with any common colour-vision deficiency can tell apart: the Okabe–Ito palette (Okabe and Ito
/// 2008, "Color Universal Design"). Colour is never the only cue: the side is the line's dash and each marker has its
/// own shape.
/// </summary>
public static class ChartPalette
{
    public const string Black = "#000000", Orange = "#E69F00", SkyBlue = "#56B4E9", BluishGreen = "#009E73",
        Yellow = "#F0E442", Blue = "#0072B2", Vermillion = "#D55E00", ReddishPurple = "#CC79A7";

    public static string Of(PainLocation location) => location switch
    {
        PainLocation.FrontHip => Vermillion,
        PainLocation.Groin => ReddishPurple,
        PainLocation.OuterHip => Orange,
        PainLocation.Buttock => BluishGreen,
        PainLocation.LowerBack => Blue,
        PainLocation.Hamstring => SkyBlue,
        PainLocation.Knee => Black,
        // Yellow is the palette's weakest on white; the rarest place gets it.
        _ => Yellow,
    };

    /// <summary>Left solid, right dashed, both dotted.</summary>
    public static string? Dash(BodySide side) => side switch
    {
        BodySide.Right => "8 4",
        BodySide.Both => "2 4",
        _ => null,
    };
}

/// <summary>
/// The report's chart as server-rendered SVG, with its legend and a table of the same figures as the text alternative.
/// No script, no font, no image from anywhere else: it passes the report pages' Content-Security-Policy and prints.
/// </summary>
public static class PainChart
{
    /// <summary>Upper end of acceptable pain in the pain-monitoring model (Silbernagel et al. 2007).</summary>
    public const int AcceptablePain = 5;

    /// <summary>The chart's styles, for the page that shows it.</summary>
    public const string Css = """
        /* Below 540px the chart scrolls sideways rather than shrink its text; right-to-left, so a phone opens on the latest days. */
        .chart-scroll { overflow-x: auto; direction: rtl; }
        svg.pain-chart { direction: ltr; display: block; width: 100%; min-width: 540px; height: auto; background: #fff; }
        svg.pain-chart text { font-size: 13px; fill: #333; } svg.pain-chart .lane text { font-size: 12px; }
        ul.chart-legend { list-style: none; padding: 0; margin: 8px 0; display: flex; flex-wrap: wrap; gap: 6px 16px; font-size: .9rem; }
        ul.chart-legend svg { width: 30px; height: 14px; vertical-align: middle; margin-right: 6px; }
        details.chart-data { margin: 8px 0 16px; } details.chart-data table { margin-top: 8px; }
        """;

    private const int Width = 760, Height = 400, Left = 100, Right = 56, LaneTop = 8, LaneHeight = 18, Top = LaneTop + 4 * LaneHeight + 12, Bottom = 36;
    private const int PlotWidth = Width - Left - Right, PlotHeight = Height - Top - Bottom;
    private const string Grey = "#DDDDDD";
    private static readonly CultureInfo En = CultureInfo.InvariantCulture;

    private static readonly (ChartMarkerKind Kind, string Name, string Lane, string Legend)[] Kinds =
    [
        (ChartMarkerKind.RoutineDelivered, "routine-delivered", "Routine sent", "Routine sent by HipLog"),
        (ChartMarkerKind.RoutineCompleted, "routine-completed", "Routine done", "Routine completed"),
        (ChartMarkerKind.StretchSession, "stretch-session", "Stretching", "Stretch session (pain before → after)"),
        (ChartMarkerKind.RedFlag, "red-flag", "Red flag", "Red-flag answer"),
    ];

    /// <summary>The chart, its legend and its data table.</summary>
    public static string Render(PainChartData data)
    {
        var html = new StringBuilder();
        html.Append("<div class=\"chart-scroll\">\n");
        Svg(html, data);
        html.Append("</div>\n");
        Legend(html, data);
        Table(html, data);
        return html.ToString();
    }

    /// <summary>A place and side in words, as a legend entry: "Front of the left hip".</summary>
    public static string Label(PainLocation location, BodySide side)
    {
        var words = TrendNotes.Where(location, side);
        words = words.StartsWith("the ", StringComparison.Ordinal) ? words[4..] : words;
        return char.ToUpperInvariant(words[0]) + words[1..];
    }

    private static void Svg(StringBuilder svg, PainChartData data)
    {
        var span = Math.Max(1, data.To.DayNumber - data.From.DayNumber);
        double X(DateOnly day) => Left + (day.DayNumber - data.From.DayNumber) * (double)PlotWidth / span;
        double Y(double score) => Top + PlotHeight * (1 - score / 10);

        var markers = Grouped(data).ToList();
        svg.Append($"<svg id=\"chart\" class=\"pain-chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"chart-title chart-desc\">\n");
        svg.Append($"<title id=\"chart-title\">Pain by place and side, {Day(data.From)} to {Day(data.To)}</title>\n");
        svg.Append($"<desc id=\"chart-desc\">{Encode(Description(data, markers))}</desc>\n");

        // Weekly distance behind everything, on the right-hand axis.
        var (kmMax, kmStep) = KmAxis(data.Weeks.Select(w => w.DistanceKm).DefaultIfEmpty(0).Max());
        foreach (var week in data.Weeks.Where(w => w.DistanceKm > 0))
        {
            var start = week.Start < data.From ? data.From : week.Start;
            var end = week.Start.AddDays(6) > data.To ? data.To : week.Start.AddDays(6);
            var height = week.DistanceKm / kmMax * PlotHeight;
            svg.Append($"<rect class=\"distance-bar\" data-week=\"{week.Week}\" x=\"{F(X(start))}\" y=\"{F(Top + PlotHeight - height)}\" width=\"{F(Math.Max(2, X(end) - X(start)))}\" height=\"{F(height)}\" fill=\"{Grey}\">");
            svg.Append($"<title>{week.Week}: {week.DistanceKm.ToString("0.#", En)} km</title></rect>\n");
        }

        svg.Append("<g class=\"axis\">\n");
        for (var score = 0; score <= 10; score += 2)
            svg.Append($"<line x1=\"{Left}\" x2=\"{Left + PlotWidth}\" y1=\"{F(Y(score))}\" y2=\"{F(Y(score))}\" stroke=\"#eeeeee\"/><text x=\"{Left - 6}\" y=\"{F(Y(score) + 4)}\" text-anchor=\"end\">{score}</text>\n");
        svg.Append($"<text x=\"{Left - 30}\" y=\"{F(Y(5))}\" text-anchor=\"middle\" transform=\"rotate(-90 {Left - 30} {F(Y(5))})\">pain (0–10)</text>\n");
        foreach (var tick in Ticks(data.From, data.To))
            svg.Append($"<text x=\"{F(X(tick))}\" y=\"{Height - Bottom + 18}\" text-anchor=\"middle\">{tick.ToString("d MMM", En)}</text>\n");
        svg.Append("</g>\n<g class=\"axis distance-axis\">\n");
        for (var km = 0.0; km <= kmMax + 1e-9; km += kmStep)
            svg.Append($"<text x=\"{Left + PlotWidth + 6}\" y=\"{F(Top + PlotHeight * (1 - km / kmMax) + 4)}\">{km.ToString("0", En)}</text>\n");
        svg.Append($"<text x=\"{Width - 8}\" y=\"{F(Y(5))}\" text-anchor=\"middle\" transform=\"rotate(90 {Width - 8} {F(Y(5))})\">km per week</text>\n");
        svg.Append("</g>\n");

        svg.Append($"<g class=\"reference\"><line x1=\"{Left}\" x2=\"{Left + PlotWidth}\" y1=\"{F(Y(AcceptablePain))}\" y2=\"{F(Y(AcceptablePain))}\" stroke=\"#444444\" stroke-width=\"1.5\" stroke-dasharray=\"10 5\"/>");
        svg.Append($"<text x=\"{Left + PlotWidth - 4}\" y=\"{F(Y(AcceptablePain) - 5)}\" text-anchor=\"end\" stroke=\"#ffffff\" stroke-width=\"4\" paint-order=\"stroke\">{AcceptablePain}/10: upper end of acceptable pain</text></g>\n");

        var mean7 = data.Mean7.Select(p => $"{F(X(p.Day))},{F(Y(p.Mean))}").ToList();
        if (mean7.Count > 0)
            svg.Append($"<polyline class=\"mean7\" fill=\"none\" stroke=\"#000000\" stroke-opacity=\"0.22\" stroke-width=\"7\" stroke-linejoin=\"round\" stroke-linecap=\"round\" points=\"{string.Join(' ', mean7)}\"/>\n");

        foreach (var line in data.Lines)
        {
            var colour = ChartPalette.Of(line.Location);
            var dash = ChartPalette.Dash(line.Side) is { } d ? $" stroke-dasharray=\"{d}\"" : "";
            var label = Label(line.Location, line.Side);
            svg.Append($"<g class=\"place\" data-location=\"{Kebab.Of(line.Location)}\" data-side=\"{Kebab.Of(line.Side)}\">\n");
            svg.Append($"<polyline class=\"pain-line\" data-location=\"{Kebab.Of(line.Location)}\" data-side=\"{Kebab.Of(line.Side)}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.5\" stroke-linecap=\"round\"{dash} points=\"{string.Join(' ', line.Points.Select(p => $"{F(X(p.Day))},{F(Y(p.Mean))}"))}\"><title>{Encode(label)}</title></polyline>\n");
            foreach (var p in line.Points)
                svg.Append($"<circle class=\"pain-point\" cx=\"{F(X(p.Day))}\" cy=\"{F(Y(p.Mean))}\" r=\"3.5\" fill=\"{colour}\"><title>{Encode(label)}, {Day(p.Day)}: {p.Mean.ToString("0.#", En)}/10</title></circle>\n");
            svg.Append("</g>\n");
        }

        if (data.Lines.Count == 0)
            svg.Append($"<text class=\"empty\" x=\"{Left + PlotWidth / 2}\" y=\"{Top + PlotHeight / 2}\" text-anchor=\"middle\">No pain reports in this period</text>\n");

        // One lane per kind above the plot, so that a routine, a session and a red flag on the same day never hide each other.
        for (var lane = 0; lane < Kinds.Length; lane++)
        {
            var y = LaneTop + lane * LaneHeight + LaneHeight / 2.0;
            svg.Append($"<g class=\"lane\" data-kind=\"{Kinds[lane].Name}\"><line x1=\"{Left}\" x2=\"{Left + PlotWidth}\" y1=\"{F(y)}\" y2=\"{F(y)}\" stroke=\"#eeeeee\"/>");
            svg.Append($"<text x=\"{Left - 6}\" y=\"{F(y + 4)}\" text-anchor=\"end\">{Kinds[lane].Lane}</text></g>\n");
        }

        foreach (var (day, kind, texts) in markers)
        {
            var lane = Array.FindIndex(Kinds, k => k.Kind == kind);
            var title = $"{Day(day)}: {string.Join("; ", texts)}";
            svg.Append($"<g class=\"marker\" data-kind=\"{Kinds[lane].Name}\" data-day=\"{day:yyyy-MM-dd}\"><title>{Encode(title)}</title>");
            svg.Append(Shape(kind, X(day), LaneTop + lane * LaneHeight + LaneHeight / 2.0));
            svg.Append("</g>\n");
        }

        svg.Append("</svg>\n");
    }

    /// <summary>Hollow diamond, filled diamond, square, triangle: told apart by shape as well as colour.</summary>
    private static string Shape(ChartMarkerKind kind, double x, double y) => kind switch
    {
        ChartMarkerKind.RoutineDelivered => $"<path d=\"{Diamond(x, y)}\" fill=\"#ffffff\" stroke=\"{ChartPalette.Blue}\" stroke-width=\"2\"/>",
        ChartMarkerKind.RoutineCompleted => $"<path d=\"{Diamond(x, y)}\" fill=\"{ChartPalette.BluishGreen}\" stroke=\"{ChartPalette.BluishGreen}\" stroke-width=\"2\"/>",
        ChartMarkerKind.StretchSession => $"<rect x=\"{F(x - 5)}\" y=\"{F(y - 5)}\" width=\"10\" height=\"10\" fill=\"{ChartPalette.SkyBlue}\" stroke=\"{ChartPalette.Black}\" stroke-width=\"0.75\"/>",
        _ => $"<path d=\"M{F(x)} {F(y - 7)} L{F(x + 7)} {F(y + 6)} L{F(x - 7)} {F(y + 6)} Z\" fill=\"{ChartPalette.Vermillion}\"/>",
    };

    private static string Diamond(double x, double y) => $"M{F(x)} {F(y - 6)} L{F(x + 6)} {F(y)} L{F(x)} {F(y + 6)} L{F(x - 6)} {F(y)} Z";

    private static void Legend(StringBuilder html, PainChartData data)
    {
        static string Key(string inner) => $"<svg viewBox=\"0 0 30 14\" aria-hidden=\"true\">{inner}</svg>";

        html.Append("<ul class=\"chart-legend\" aria-label=\"Legend\">\n");
        foreach (var line in data.Lines)
        {
            var dash = ChartPalette.Dash(line.Side) is { } d ? $" stroke-dasharray=\"{d}\"" : "";
            html.Append($"<li data-legend=\"line\" data-location=\"{Kebab.Of(line.Location)}\" data-side=\"{Kebab.Of(line.Side)}\">");
            html.Append(Key($"<line x1=\"1\" x2=\"29\" y1=\"7\" y2=\"7\" stroke=\"{ChartPalette.Of(line.Location)}\" stroke-width=\"2.5\" stroke-linecap=\"round\"{dash}/>"));
            html.Append($"{Encode(Label(line.Location, line.Side))}</li>\n");
        }

        if (data.Lines.Count > 0)
            html.Append("<li data-legend=\"sides\">Left: solid line · right: dashed · both sides: dotted</li>\n");
        html.Append("<li data-legend=\"mean7\">").Append(Key("<line x1=\"3\" x2=\"27\" y1=\"7\" y2=\"7\" stroke=\"#000000\" stroke-opacity=\"0.22\" stroke-width=\"7\" stroke-linecap=\"round\"/>"))
            .Append("7-day mean, all places</li>\n");
        html.Append("<li data-legend=\"reference\">").Append(Key("<line x1=\"1\" x2=\"29\" y1=\"7\" y2=\"7\" stroke=\"#444444\" stroke-width=\"1.5\" stroke-dasharray=\"10 5\"/>"))
            .Append($"{AcceptablePain}/10: upper end of acceptable pain (pain-monitoring model)</li>\n");
        html.Append("<li data-legend=\"distance\">").Append(Key($"<rect x=\"6\" y=\"1\" width=\"18\" height=\"12\" fill=\"{Grey}\"/>")).Append("Weekly distance (km, right axis)</li>\n");
        foreach (var kind in Kinds)
            html.Append($"<li data-legend=\"{kind.Name}\">").Append(Key(Shape(kind.Kind, 15, 7))).Append($"{Encode(kind.Legend)}</li>\n");
        html.Append("</ul>\n");
    }

    /// <summary>The same figures for a screen reader, or a reader who cannot see the colours or the shapes.</summary>
    private static void Table(StringBuilder html, PainChartData data)
    {
        var markers = Grouped(data).ToList();
        var days = data.Lines.SelectMany(l => l.Points.Select(p => p.Day)).Concat(markers.Select(m => m.Day)).Distinct().Order().ToList();
        html.Append("<details class=\"chart-data\"><summary>The chart as a table</summary>\n<table id=\"chart-data\">\n<thead><tr><th>Day</th>");
        foreach (var line in data.Lines)
            html.Append($"<th>{Encode(Label(line.Location, line.Side))}</th>");
        html.Append("<th>What was done</th></tr></thead>\n<tbody>\n");
        foreach (var day in days)
        {
            html.Append($"<tr data-day=\"{day:yyyy-MM-dd}\"><td>{Day(day)}</td>");
            foreach (var line in data.Lines)
                html.Append($"<td>{(line.Points.FirstOrDefault(p => p.Day == day) is { } p ? p.Mean.ToString("0.#", En) : "–")}</td>");
            var done = markers.Where(m => m.Day == day).SelectMany(m => m.Texts);
            html.Append($"<td>{Encode(string.Join("; ", done))}</td></tr>\n");
        }

        if (days.Count == 0)
            html.Append($"<tr><td colspan=\"{data.Lines.Count + 2}\">Nothing logged in this period.</td></tr>\n");
        html.Append("</tbody>\n</table>\n<table id=\"chart-distance\">\n<thead><tr><th>Week</th><th>Distance (km)</th></tr></thead>\n<tbody>\n");
        foreach (var week in data.Weeks)
            html.Append($"<tr><td>{week.Week}</td><td>{week.DistanceKm.ToString("0.0", En)}</td></tr>\n");
        html.Append("</tbody>\n</table>\n</details>\n");
    }

    private static IEnumerable<(DateOnly Day, ChartMarkerKind Kind, IReadOnlyList<string> Texts)> Grouped(PainChartData data) =>
        data.Markers.Where(m => m.Day >= data.From && m.Day <= data.To)
            .GroupBy(m => (m.Day, m.Kind)).OrderBy(g => g.Key.Day).ThenBy(g => g.Key.Kind)
            .Select(g => (g.Key.Day, g.Key.Kind, (IReadOnlyList<string>)g.Select(m => m.Text).ToList()));

    private static string Description(PainChartData data, IReadOnlyCollection<(DateOnly Day, ChartMarkerKind Kind, IReadOnlyList<string> Texts)> markers)
    {
        var lines = data.Lines.Count == 0 ? "No pain reports" : $"Daily pain on a 0–10 scale for {string.Join(", ", data.Lines.Select(l => TrendNotes.Where(l.Location, l.Side)))}";
        var counts = Kinds.Select(k => (k.Legend, Count: markers.Count(m => m.Kind == k.Kind))).Where(k => k.Count > 0)
            .Select(k => $"{k.Legend.ToLowerInvariant()}: {k.Count} day{(k.Count == 1 ? "" : "s")}").ToList();
        return $"{lines}, with the 7-day mean of all places, a dashed line at {AcceptablePain}/10 (the upper end of acceptable pain) and weekly distance as bars. " +
               (counts.Count > 0 ? $"Marked: {string.Join("; ", counts)}. " : "") + "The table after the chart gives the same figures.";
    }

    /// <summary>A round top for the distance axis, in steps a reader can add up.</summary>
    private static (double Max, double Step) KmAxis(double maxKm)
    {
        foreach (var step in new[] { 5.0, 10, 20, 25, 50, 100, 200 })
            if (maxKm <= step * 4)
                return (Math.Max(step, Math.Ceiling(maxKm / step) * step), step);
        return (Math.Ceiling(maxKm / 500) * 500, Math.Ceiling(maxKm / 500) * 125);
    }

    private static IEnumerable<DateOnly> Ticks(DateOnly from, DateOnly to)
    {
        var span = to.DayNumber - from.DayNumber;
        var step = span <= 14 ? 2 : span <= 60 ? 7 : span <= 120 ? 14 : 30;
        for (var day = from; day <= to; day = day.AddDays(step))
            yield return day;
    }

    private static string F(double v) => v.ToString("0.#", En);

    private static string Day(DateOnly day) => day.ToString("d MMM yyyy", En);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
