using System.Globalization;
using System.Text;
using HipLog.Api.Infrastructure;
using HipLog.Domain.Pain;
using HipLog.Domain.Runners;
using HipLog.Domain.Trends;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using HipLog.Domain.Wire;

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
    public const string CsvHeader = "period,start,location,side,count,mean,max,mean7,meanPrev28";

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
        var trend = await PainTrendQuery.LoadFiguresAsync(session, runnerId, ct);
        var today = DayRange.Today(clock, trend.TimeZone);
        if (!DayRange.TryParse(from, to, today, DefaultDays, out var range, out var problem))
            return Results.Problem(problem);

        var response = PainTrendQuery.Build(trend, range, bucket ?? "day", today);
        var wantsCsv = format == "csv" || (format is null && http.Request.Headers.Accept.ToString().Contains("text/csv", StringComparison.OrdinalIgnoreCase));
        return wantsCsv ? Results.Text(ToCsv(response), "text/csv; charset=utf-8") : Results.Ok(response);
    }

    /// <summary>One line per row, then the overall figures with location and side "all".</summary>
    public static string ToCsv(PainTrendResponse trend)
    {
        static string N(double? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
        var csv = new StringBuilder().Append(CsvHeader).Append('\n');
        foreach (var r in trend.Rows)
            csv.Append($"{r.Period},{r.Start:yyyy-MM-dd},{Kebab.Of(r.Location)},{Kebab.Of(r.Side)},{r.Count},{N(r.Mean)},{r.Max},,\n");
        foreach (var o in trend.Overall)
            csv.Append($"{o.Period},{o.Start:yyyy-MM-dd},all,all,{o.Count},{N(o.Mean)},{o.Max},{N(o.Mean7)},{N(o.MeanPrev28)}\n");
        return csv.ToString();
    }
}

/// <summary>Reads and cuts the pain trend for a range; shared by the JSON/CSV endpoint and the report page.</summary>
public static class PainTrendQuery
{
    public static async Task<PainTrend> LoadAsync(IQuerySession session, string runnerId, CancellationToken ct) =>
        await session.LoadAsync<PainTrend>(runnerId, ct)
        ?? new PainTrend { Id = runnerId, TimeZone = (await session.LoadAsync<RunnerProfile>(runnerId, ct))?.TimeZone ?? RunnerProfile.DefaultTimeZone };

    /// <summary>
    /// The figures without the standing reports they were derived from: those are most of a long-time runner's
    /// document, and PostgreSQL leaves them out of what it sends (see docs/benchmarks.md).
    /// </summary>
    public static async Task<PainTrend> LoadFiguresAsync(IQuerySession session, string runnerId, CancellationToken ct)
    {
        var head = await session.Query<PainTrend>().Where(t => t.Id == runnerId)
            .Select(t => new { t.TimeZone, t.Figures }).SingleOrDefaultAsync(ct);
        return head is null ? await LoadAsync(session, runnerId, ct) : new PainTrend { Id = runnerId, TimeZone = head.TimeZone, Figures = head.Figures };
    }

    public static PainTrendResponse Build(PainTrend trend, DayRange range, string bucket, DateOnly today)
    {
        var figures = trend.Figures;
        var byWeek = bucket == "week";
        var rows = (byWeek ? figures.Weeks.Where(w => range.Overlaps(w.Start)) : figures.Days.Where(d => range.Contains(d.Start)))
            .Select(b => new PainTrendRow(b.Period, b.Start, b.Location, b.Side, b.Count, b.Mean, b.Max)).ToList();
        var overall = (byWeek ? figures.WeeklyOverall.Where(w => range.Overlaps(w.Start)) : figures.DailyOverall.Where(d => range.Contains(d.Start)))
            .Select(p => new PainTrendPeriod(p.Period, p.Start, p.Count, p.Mean, p.Max, p.Mean7, p.MeanPrev28)).ToList();
        var asOf = range.To < today ? range.To : today;
        var (mean7, prev28) = PainTrendCalculator.RollingMeans(figures.DailyOverall, asOf);
        var latest = figures.Latest;
        return new PainTrendResponse(trend.Id, trend.TimeZone, range.From, range.To, bucket, rows, overall, new PainTrendCurrent(asOf, mean7, prev28), latest);
    }
}
