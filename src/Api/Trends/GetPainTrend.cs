using System.Globalization;
using HipLog.Api.Http;
using HipLog.Api.Http.Problems;
using HipLog.Domain.Pain;
using HipLog.Domain.Profiles;
using HipLog.Domain.Time;
using HipLog.Domain.Trends;
using HipLog.Domain.Wire;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HipLog.Api.Trends;

public sealed record PainTrendRow(string Period, DateOnly Start, PainLocation Location, BodySide Side, int Count, double Mean, int Max);

public sealed record PainTrendPeriod(string Period, DateOnly Start, int Count, double Mean, int Max, double? Mean7, double? MeanPrev28);

/// <param name="AsOf">The day the rolling means end on: the range's last day, or today if that is earlier.</param>
public sealed record PainTrendCurrent(DateOnly AsOf, double? Mean7, double? MeanPrev28);

/// <param name="Rows">Per location and side, per day or week of the range.</param>
/// <param name="Overall">All locations together, per day or week; for days with the 7-day and previous-28-day means.</param>
public sealed record PainTrendResponse(
    string RunnerId, string TimeZone, DateOnly From, DateOnly To, string Bucket,
    IReadOnlyList<PainTrendRow> Rows, IReadOnlyList<PainTrendPeriod> Overall, PainTrendCurrent Current, PainEntry? LatestReport);

public static class GetPainTrendEndpoint
{
    public const int DefaultDays = 90;
    public static readonly string[] CsvHeader = ["period", "start", "location", "side", "count", "mean", "max", "mean7", "meanPrev28"];

    /// <summary>
    /// Pain per local day or ISO week, by location and side, with the 7-day mean and the mean of the 28 days before it.
    /// from/to are local dates (default: the last 90 days). Send Accept: text/csv (or ?format=csv) for CSV.
    /// </summary>
    [WolverineGet("/runners/{runnerId}/pain-trend"), Tags("Trends"), EndpointSummary("Pain trend (JSON or CSV)")]
    [ProducesResponseType<PainTrendResponse>(StatusCodes.Status200OK, "application/json", "text/csv")]
    public static async Task<IResult> Get(string runnerId, string? from, string? to, string? bucket, string? format,
        IQuerySession session, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var errors = new FieldErrors().When(bucket is not (null or "day" or "week"), "bucket", "Use day or week.")
            .When(format is not (null or "json" or "csv"), "format", "Use json or csv.");
        if (!errors.IsEmpty)
            return Results.Problem(errors.ToProblem());
        if (!DayRange.TryParse(from, to, DayRange.UtcToday(clock), DefaultDays, out var utcRange, out var problem))
            return Results.Problem(problem);

        var window = await PainTrendQuery.LoadAsync(session, runnerId, utcRange.AnyZone(DayRange.UtcToday(clock)), ct);
        var today = DayRange.Today(clock, window.TimeZone);
        DayRange.TryParse(from, to, today, DefaultDays, out var range, out _);
        var response = PainTrendQuery.Build(window, range, bucket ?? "day", today);
        var wantsCsv = format == "csv"
            || (format is null && http.Request.Headers.Accept.ToString().Contains("text/csv", StringComparison.OrdinalIgnoreCase));
        return wantsCsv ? Results.Text(ToCsv(response), "text/csv; charset=utf-8") : Results.Ok(response);
    }

    /// <summary>One line per row, then the overall figures with location and side "all".</summary>
    public static string ToCsv(PainTrendResponse trend)
    {
        static string D(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var text = new StringWriter();
        using (var csv = Csv.Writer(text, newLine: "\n"))
        {
            csv.WriteFields(CsvHeader);
            foreach (var r in trend.Rows)
                csv.WriteFields(r.Period, D(r.Start), Kebab.Of(r.Location), Kebab.Of(r.Side), Csv.Number(r.Count), Csv.Number(r.Mean),
                    Csv.Number(r.Max), null, null);
            foreach (var o in trend.Overall)
                csv.WriteFields(o.Period, D(o.Start), "all", "all", Csv.Number(o.Count), Csv.Number(o.Mean), Csv.Number(o.Max),
                    Csv.Number(o.Mean7),
                    Csv.Number(o.MeanPrev28));
        }

        return text.ToString();
    }
}

/// <summary>The standing reports a range of days needs, in the runner's zone, and the runner's latest report.</summary>
public sealed record PainWindow(string RunnerId, string TimeZone, IReadOnlyList<PainEntry> Reports, PainEntry? Latest);

/// <summary>Reads and cuts the pain trend for a range; shared by the JSON/CSV endpoint and the report page.</summary>
public static class PainTrendQuery
{
    /// <summary>How far back a range reaches: its first day's 7-day mean and the 28 days before it.</summary>
    public const int LookBackDays = PainTrendCalculator.RecentDays + PainTrendCalculator.BaselineDays - 1;

    /// <summary>
    /// The reports of the days a range's figures are made of (its whole ISO weeks, and the 34 days before its first day
    /// for the rolling means), the runner's zone and latest report: one round trip, however long the runner's history.
    /// </summary>
    public static async Task<PainWindow> LoadAsync(IQuerySession session, string runnerId, DayRange range, CancellationToken ct)
    {
        // Bounds in instants that hold those local days in any zone (UTC−12 to UTC+14): the zone comes in the same round trip.
        var from = new DateTimeOffset(range.From.AddDays(-LookBackDays).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddHours(-14);
        var to = new DateTimeOffset(IsoWeeks.Monday(range.To).AddDays(7).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddHours(12);

        var batch = session.CreateBatchQuery();
        var profile = batch.Load<RunnerProfile>(runnerId);
        // Whole documents: a projection in SQL would call PostgreSQL's timestamp conversion once per report, which cost
        // more there than reading the few hundred small documents costs here.
        var reports = batch.Query<PainReportView>().Where(v => v.RunnerId == runnerId && v.OccurredAt >= from && v.OccurredAt < to)
            .ToList();
        // Reports at the very same instant are ordered by id, as the trend always has: a few candidates, ordered here.
        // Whole documents here: the latest report is shown with the offset it was reported with.
        var latest = batch.Query<PainReportView>().Where(v => v.RunnerId == runnerId).OrderByDescending(v => v.OccurredAt).Take(8).ToList();
        await batch.Execute(ct);

        var timeZone = (await profile)?.TimeZone ?? RunnerProfile.DefaultTimeZone;
        var zone = LocalCalendar.FindZone(timeZone) ?? TimeZoneInfo.Utc;
        var last = (await latest).Select(v => PainEntry.From(v, zone)).OrderBy(r => r.ReportedAt).ThenBy(r => r.ReportId).LastOrDefault();
        return new PainWindow(runnerId, timeZone, (await reports).Select(v => PainEntry.From(v, zone)).ToList(), last);
    }

    public static PainTrendResponse Build(PainWindow window, DayRange range, string bucket, DateOnly today)
    {
        var figures = PainTrendCalculator.Compute(window.Reports);
        var byWeek = bucket == "week";
        var rows = (byWeek ? figures.Weeks.Where(w => range.Overlaps(w.Start)) : figures.Days.Where(d => range.Contains(d.Start)))
            .Select(b => new PainTrendRow(b.Period, b.Start, b.Location, b.Side, b.Count, b.Mean, b.Max)).ToList();
        var overall = (byWeek ? figures.WeeklyOverall.Where(w => range.Overlaps(w.Start))
            : figures.DailyOverall.Where(d => range.Contains(d.Start)))
            .Select(p => new PainTrendPeriod(p.Period, p.Start, p.Count, p.Mean, p.Max, p.Mean7, p.MeanPrev28)).ToList();
        var asOf = range.To < today ? range.To : today;
        var (mean7, prev28) = PainTrendCalculator.RollingMeans(figures.DailyOverall, asOf);
        return new PainTrendResponse(window.RunnerId, window.TimeZone, range.From, range.To, bucket, rows, overall,
            new PainTrendCurrent(asOf, mean7, prev28), window.Latest);
    }
}
