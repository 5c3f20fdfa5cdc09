using System.Globalization;
using HipLog.Domain.Time;
using Microsoft.AspNetCore.Components;

namespace HipLog.Api.Trends;

/// <summary>One row of the page's table of the last weeks, its figures as the page writes them.</summary>
public sealed record ReportWeek(string Week, string Label, int Reports, string Mean, string Worst, string DistanceKm, string Change)
{
    public IEnumerable<object> Cells => [Label, Reports, Mean, Worst, DistanceKm, Change];
}

public sealed partial class PainReportPage
{
    private const string Style = """
          body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
            margin: 0 auto; max-width: 820px; padding: 16px; color: #222; }
          h1 { font-size: 1.4rem; margin: 0 0 4px; } p.range { color: #555; margin: 0 0 12px; }
          table { border-collapse: collapse; width: 100%; font-size: .9rem; }
          th, td { padding: 6px 8px; border-bottom: 1px solid #ddd; text-align: right; }
          th:first-child, td:first-child { text-align: left; } #notes li { margin-bottom: 6px; }
          footer { color: #777; font-size: .8rem; margin-top: 24px; }
          @media (max-width: 480px) { body { padding: 10px; } table { font-size: .8rem; } th, td { padding: 4px 3px; } }
          /* Below 540px the chart scrolls sideways rather than shrink its text; right-to-left, so a phone opens on the latest days. */
          .chart-scroll { overflow-x: auto; direction: rtl; }
          svg.pain-chart { direction: ltr; display: block; width: 100%; min-width: 540px; height: auto; background: #fff; }
          svg.pain-chart text { font-size: 13px; fill: #333; } svg.pain-chart .lane text { font-size: 12px; }
          ul.chart-legend { list-style: none; padding: 0; margin: 8px 0; display: flex; flex-wrap: wrap; gap: 6px 16px; font-size: .9rem; }
          ul.chart-legend svg { width: 30px; height: 14px; vertical-align: middle; margin-right: 6px; }
          details.chart-data { margin: 8px 0 16px; } details.chart-data table { margin-top: 8px; }
        """;

    private const string Footer =
        "Pain on a 0–10 scale. HipLog does not diagnose: if pain is sharp, stops you bearing weight, or keeps you awake, "
        + "see a clinician.";

    private static readonly CultureInfo En = CultureInfo.InvariantCulture;

    private IReadOnlyList<ReportWeek>? weeks;

    [Parameter, EditorRequired]
    public PainTrendResponse Daily { get; set; } = null!;

    [Parameter, EditorRequired]
    public TrainingLoadResponse Training { get; set; } = null!;

    [Parameter, EditorRequired]
    public IReadOnlyList<string> Notes { get; set; } = [];

    [Parameter, EditorRequired]
    public IReadOnlyList<ChartMarker> Markers { get; set; } = [];

    /// <summary>The daily rows as one line per place and side, the 7-day mean, the weeks of the range and the markers.</summary>
    public PainChartData ChartData()
    {
        var range = new DayRange(Daily.From, Daily.To);
        var lines = Daily.Rows.GroupBy(r => (r.Location, r.Side)).OrderBy(g => g.Key)
            .Select(g => new ChartLine(g.Key.Location, g.Key.Side, g.OrderBy(r => r.Start).Select(r => new ChartPoint(r.Start, r.Mean))
                .ToList()))
            .ToList();
        var mean7 = Daily.Overall.Where(o => o.Mean7 is not null).Select(o => new ChartPoint(o.Start, o.Mean7!.Value)).ToList();
        var chartWeeks = Training.Weeks.Where(w => range.Overlaps(w.Start)).Select(w => new ChartWeek(w.Week, w.Start, w.DistanceKm))
            .ToList();
        return new PainChartData(range.From, range.To, lines, mean7, chartWeeks, Markers);
    }

    /// <summary>The last eight weeks with pain reports or runs, newest first; a week still under way is not set against a whole
    /// one.</summary>
    private IReadOnlyList<ReportWeek> WeekRows() => weeks ??= Rows(Daily.Current.AsOf);

    private List<ReportWeek> Rows(DateOnly asOf)
    {
        var pain = Daily.Overall.GroupBy(o => IsoWeeks.Monday(o.Start)).ToDictionary(g => g.Key, g => g.ToList());
        var mondays = pain.Keys.Concat(Training.Weeks.Select(w => w.Start)).Distinct().OrderDescending().Take(8).ToList();
        return mondays.Select(monday =>
        {
            var days = pain.GetValueOrDefault(monday) ?? [];
            var count = days.Sum(d => d.Count);
            var week = Training.Weeks.FirstOrDefault(w => w.Start == monday);
            var complete = monday.AddDays(6) <= asOf;
            var change = complete && week?.DistanceChangePercent is { } c ? $"{(c > 0 ? "+" : "")}{c.ToString("0", En)}%" : "–";
            var label = IsoWeeks.Label(monday);
            var (mean, worst) = count == 0 ? ("–", "–")
                : ((days.Sum(d => d.Mean * d.Count) / count).ToString("0.0", En), days.Max(d => d.Max).ToString(En));
            var distance = (week?.DistanceKm ?? 0).ToString("0.0", En);
            return new ReportWeek(label, complete ? label : $"{label} (so far)", count, mean, worst, distance, change);
        }).ToList();
    }

    private static string Day(DateOnly day) => day.ToString("d MMM yyyy", En);
}
