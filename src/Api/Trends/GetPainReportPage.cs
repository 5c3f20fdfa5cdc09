using HipLog.Domain.Time;
using HipLog.Domain.Trends;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
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
    public static async Task<IResult> Get(string runnerId, string? from, string? to, IQuerySession session, TimeProvider clock,
        CancellationToken ct)
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
        return new RazorComponentResult<PainReportPage>(new { Daily = daily, Training = training, Notes = notes, Markers = markers })
        {
            ContentType = "text/html; charset=utf-8",
        };
    }
}
