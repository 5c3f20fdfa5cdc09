using System.Globalization;
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
    DateOnly From, DateOnly To, IReadOnlyList<ChartLine> Lines, IReadOnlyList<ChartPoint> Mean7, IReadOnlyList<ChartWeek> Weeks,
    IReadOnlyList<ChartMarker> Markers);

/// <summary>The markers of one kind on one day, shown as one: their texts joined.</summary>
public sealed record MarkerGroup(DateOnly Day, ChartMarkerKind Kind, IReadOnlyList<string> Texts);

/// <summary>A kind of marker: its lane above the plot, its name in the page, its legend text.</summary>
public sealed record MarkerLane(ChartMarkerKind Kind, string Name, string Lane, string Legend);

/// <summary>
/// Colours that readers with any common colour-vision deficiency can tell apart: the Okabe–Ito palette (Okabe and Ito
/// 2008, "Color Universal Design"). Colour is never the only cue: the side is the line's dash and each marker has its
/// own shape.
/// </summary>
public static class ChartPalette
{
    public const string Black = "#000000", Orange = "#E69F00", SkyBlue = "#56B4E9", BluishGreen = "#009E73",
        Yellow = "#F0E442", Blue = "#0072B2", Vermillion = "#D55E00", ReddishPurple = "#CC79A7";

    public const string Grey = "#DDDDDD";

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

/// <summary>Where everything of the chart goes, for <see cref="PainChart"/> to draw: the scales, the axes and the texts.</summary>
public sealed class ChartLayout(PainChartData data)
{
    /// <summary>Upper end of acceptable pain in the pain-monitoring model (Silbernagel et al. 2007).</summary>
    public const int AcceptablePain = 5;

    public const int Width = 760, Height = 400, Left = 100, Right = 56, LaneTop = 8, LaneHeight = 18, Top = LaneTop + 4 * LaneHeight + 12,
        Bottom = 36;
    public const int PlotWidth = Width - Left - Right, PlotHeight = Height - Top - Bottom;

    private static readonly CultureInfo En = CultureInfo.InvariantCulture;

    public static readonly IReadOnlyList<MarkerLane> Lanes =
    [
        new(ChartMarkerKind.RoutineDelivered, "routine-delivered", "Routine sent", "Routine sent by HipLog"),
        new(ChartMarkerKind.RoutineCompleted, "routine-completed", "Routine done", "Routine completed"),
        new(ChartMarkerKind.StretchSession, "stretch-session", "Stretching", "Stretch session (pain before → after)"),
        new(ChartMarkerKind.RedFlag, "red-flag", "Red flag", "Red-flag answer"),
    ];

    private readonly int span = Math.Max(1, data.To.DayNumber - data.From.DayNumber);
    private readonly (double Max, double Step) km = KmAxis(data.Weeks.Select(w => w.DistanceKm).DefaultIfEmpty(0).Max());

    public PainChartData Data => data;

    public IReadOnlyList<MarkerGroup> Markers { get; } = data.Markers.Where(m => m.Day >= data.From && m.Day <= data.To)
        .GroupBy(m => (m.Day, m.Kind)).OrderBy(g => g.Key.Day).ThenBy(g => g.Key.Kind)
        .Select(g => new MarkerGroup(g.Key.Day, g.Key.Kind, g.Select(m => m.Text).ToList())).ToList();

    public double X(DateOnly day) => Left + (day.DayNumber - data.From.DayNumber) * (double)PlotWidth / span;

    public static double Y(double score) => Top + PlotHeight * (1 - score / 10);

    public static double LaneY(ChartMarkerKind kind) => LaneTop + Lane(kind) * LaneHeight + LaneHeight / 2.0;

    public static int Lane(ChartMarkerKind kind) => Lanes.Select((l, i) => (l, i)).Single(x => x.l.Kind == kind).i;

    public string Points(IEnumerable<ChartPoint> points) => string.Join(' ', points.Select(p => $"{F(X(p.Day))},{F(Y(p.Mean))}"));

    /// <summary>A week's bar: from its first to its last day within the range, as tall as its distance on the right-hand axis.</summary>
    public (double X, double Y, double Width, double Height) Bar(ChartWeek week)
    {
        var start = week.Start < data.From ? data.From : week.Start;
        var end = week.Start.AddDays(6) > data.To ? data.To : week.Start.AddDays(6);
        var height = week.DistanceKm / km.Max * PlotHeight;
        return (X(start), Top + PlotHeight - height, Math.Max(2, X(end) - X(start)), height);
    }

    /// <summary>The right-hand axis: round figures in steps a reader can add up, and where each goes.</summary>
    public IEnumerable<(double Km, double Y)> KmTicks()
    {
        for (var value = 0.0; value <= km.Max + 1e-9; value += km.Step)
            yield return (value, Top + PlotHeight * (1 - value / km.Max) + 4);
    }

    public IEnumerable<DateOnly> DayTicks()
    {
        var days = data.To.DayNumber - data.From.DayNumber;
        var step = days <= 14 ? 2 : days <= 60 ? 7 : days <= 120 ? 14 : 30;
        for (var day = data.From; day <= data.To; day = day.AddDays(step))
            yield return day;
    }

    /// <summary>A place and side in words, as a legend entry: "Front of the left hip".</summary>
    public static string Label(PainLocation location, BodySide side)
    {
        var words = TrendNotes.Where(location, side);
        words = words.StartsWith("the ", StringComparison.Ordinal) ? words[4..] : words;
        return char.ToUpperInvariant(words[0]) + words[1..];
    }

    public string Description()
    {
        var lines = data.Lines.Count == 0 ? "No pain reports"
            : $"Daily pain on a 0–10 scale for {string.Join(", ", data.Lines.Select(l => TrendNotes.Where(l.Location, l.Side)))}";
        var counts = Lanes.Select(k => (k.Legend, Count: Markers.Count(m => m.Kind == k.Kind))).Where(k => k.Count > 0)
            .Select(k => $"{k.Legend.ToLowerInvariant()}: {k.Count} day{(k.Count == 1 ? "" : "s")}").ToList();
        return $"{lines}, with the 7-day mean of all places, a dashed line at {AcceptablePain}/10 (the upper end of acceptable pain) and " +
            $"weekly distance as bars. "
               + (counts.Count > 0 ? $"Marked: {string.Join("; ", counts)}. " : "") + "The table after the chart gives the same figures.";
    }

    /// <summary>The days the data table lists: any with a point or a marker.</summary>
    public IReadOnlyList<DateOnly> TableDays() =>
        data.Lines.SelectMany(l => l.Points.Select(p => p.Day)).Concat(Markers.Select(m => m.Day)).Distinct().Order().ToList();

    public static string Kebab<T>(T value) where T : struct, Enum => Domain.Wire.Kebab.Of(value);

    public static string F(double v) => v.ToString("0.#", En);

    public static string Number(double v, string format) => v.ToString(format, En);

    public static string Day(DateOnly day) => day.ToString("d MMM yyyy", En);

    public static string Tick(DateOnly day) => day.ToString("d MMM", En);

    private static (double Max, double Step) KmAxis(double maxKm)
    {
        foreach (var step in new[] { 5.0, 10, 20, 25, 50, 100, 200 })
            if (maxKm <= step * 4)
                return (Math.Max(step, Math.Ceiling(maxKm / step) * step), step);
        return (Math.Ceiling(maxKm / 500) * 500, Math.Ceiling(maxKm / 500) * 125);
    }
}
