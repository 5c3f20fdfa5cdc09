using System.Globalization;
using HipLog.Domain.Clinician;
using HipLog.Domain.Watch;
using HipLog.Domain.Wire;
using Microsoft.AspNetCore.Components;

namespace HipLog.Api.Clinician;

public sealed partial class ClinicianSummaryPage
{
    private const int MaxListedDays = 16;

    private const string Style = """
        @page { size: A4; margin: 12mm 12mm 13mm; }
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; font-size: 10pt; line-height: 1.3; color: #111;
          margin: 0 auto; max-width: 190mm; padding: 12px; }
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

    private const string RedFlagMeaning =
        "A red flag is a screening answer or sign after which HipLog advises seeing a clinician instead of stretching.";

    private const string NotADiagnosis = "This page lists what the runner logged and what HipLog's rules suggested; "
        + "it is no assessment of the cause of the pain. Judging it is the clinician's task.";

    private static readonly CultureInfo En = CultureInfo.InvariantCulture;

    private static readonly double HighRatio = PainWatchOptions.Default.HighLoadRatio;

    private static readonly string TrendPoints = ClinicianSummaries.TrendPoints.ToString("0", En);

    [Parameter, EditorRequired]
    public ClinicianSummary S { get; set; } = null!;

    /// <summary>The day the page is printed, in the runner's zone.</summary>
    [Parameter, EditorRequired]
    public DateOnly Today { get; set; }

    private string Day(DateOnly d) => d.ToString(S.From.Year == S.To.Year ? "d MMM" : "d MMM yy", En);

    private static string Full(DateOnly day) => day.ToString("d MMM yyyy", En);

    private static string Words<T>(T value) where T : struct, Enum => Domain.Wire.Kebab.Of(value).Replace('-', ' ');

    private static string Kebab<T>(T value) where T : struct, Enum => Domain.Wire.Kebab.Of(value);

    private static string Count(int count, string what) => $"{count} {what}{(count == 1 ? "" : "s")}";

    private static string Km(double km) => km.ToString("0.#", En);

    private static string Trend(PainDirection trend) => trend switch
    {
        PainDirection.Rising => "rising",
        PainDirection.Easing => "easing",
        PainDirection.Steady => "steady",
        _ => "– (one report)",
    };

    private static string Change(WeekRow w) => w.ChangePercent is { } c && !w.SoFar ? $"{(c > 0 ? "+" : "")}{c.ToString("0", En)}%" : "–";

    private static string Ratio(WeekRow w) => w.Ratio is { } r ? r.ToString("0.00", En) : "–";

    private static string What(RecommendationRow r) =>
        r.Kind == RecommendationKind.ClinicianReferral ? "see a clinician" : "stretch routine";

    private static string BeforeAfter(StretchRow r) =>
        r.MeanBefore is { } before && r.MeanAfter is { } after ? $"{before.ToString("0.0", En)} → {after.ToString("0.0", En)}"
            : "not rated";

    private static RenderFragment More(int more, string what, string rest) => builder =>
    {
        if (more <= 0)
            return;
        builder.OpenElement(0, "p");
        builder.AddAttribute(1, "class", "more");
        builder.AddContent(2, $"and {more} {what}{(more == 1 ? rest.TrimStart('s') : rest)}.");
        builder.CloseElement();
    };

    /// <summary>Two lines of dates at most: a year of daily red flags would otherwise push the page onto a third sheet.</summary>
    private string EarlierRedFlagDays()
    {
        var days = S.EarlierRedFlagDays;
        return days.Count <= MaxListedDays
            ? string.Join(", ", days.Select(Full))
            : $"{string.Join(", ", days.Skip(days.Count - MaxListedDays).Select(Full))}, and on {days.Count - MaxListedDays} days from " +
                $"{Full(days[0])} to " +
              Full(days[days.Count - MaxListedDays - 1]);
    }
}
