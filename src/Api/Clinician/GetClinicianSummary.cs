using System.Globalization;
using HipLog.Api.Http.Problems;
using HipLog.Domain.Clinician;
using HipLog.Domain.Pain;
using HipLog.Domain.Profiles;
using HipLog.Domain.Stretching;
using HipLog.Domain.Time;
using HipLog.Domain.Trends;
using HipLog.Domain.Watch;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HipLog.Api.Clinician;

public static class GetClinicianSummaryEndpoint
{
    /// <summary>
    /// A printable page for a visit: the current ISO week and the weeks-1 before it (default 12, 1 to 52), in the runner's
    /// zone. Opened with the bearer token, or in a browser with the link from POST /runners/{runnerId}/report-links
    /// (its summaryUrl).
    /// </summary>
    [WolverineGet("/runners/{runnerId}/clinician-summary"), Tags("Trends"),
        EndpointSummary("Clinician summary page (HTML, prints on two A4 pages)")]
    [ProducesResponseType<string>(StatusCodes.Status200OK, "text/html"),
        ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest)]
    public static Task<IResult> Get(string runnerId, string? weeks, IQuerySession session, TimeProvider clock, CancellationToken ct) =>
        RenderAsync(runnerId, weeks, session, clock, ct);

    /// <param name="firstDay">Nothing before this local day is shown (a clinician's share starts there); the weeks stay whole.</param>
    public static async Task<IResult> RenderAsync(string runnerId, string? weeks, IQuerySession session, TimeProvider clock,
        CancellationToken ct, DateOnly? firstDay = null)
    {
        if (!TryParseWeeks(weeks, out var count, out var problem))
            return Results.Problem(problem);

        var profile = await session.LoadAsync<RunnerProfile>(runnerId, ct);
        var timeZone = profile?.TimeZone ?? RunnerProfile.DefaultTimeZone;
        var zone = LocalCalendar.ZoneOrUtc(timeZone);
        var (from, to) = ClinicianSummaries.Period(LocalCalendar.LocalDay(clock.GetUtcNow(), zone), count);
        var shown = firstDay > from ? firstDay.Value : from;
        var (start, end) = (LocalCalendar.StartOfDay(shown, zone), LocalCalendar.StartOfDay(to.AddDays(1), zone));

        // One round trip for the whole period, each read walking a (runner, time) index between the period's bounds.
        var batch = session.CreateBatchQuery();
        var reports = batch.Query<PainReportView>().Where(v => v.RunnerId == runnerId && v.OccurredAt >= start && v.OccurredAt < end)
            .ToList();
        var sessions = batch.Query<StretchSessionView>().Where(v => v.RunnerId == runnerId && v.OccurredAt >= start && v.OccurredAt < end)
            .ToList();
        var recommendations = batch.Query<RecommendationView>()
            .Where(r => r.RunnerId == runnerId && r.DetectedAt >= start && r.DetectedAt < end).ToList();
        // The week before the period too, for the first week's change of distance.
        var training = TrainingWindow.Ask(batch, runnerId, from.AddDays(-7), to);
        await batch.Execute(ct);

        var window = await training();
        var days = window.Figures(from.AddDays(-7), to).Days.Where(d => firstDay is null || d.Day >= firstDay).ToList();
        var runs = window.Weeks.SelectMany(w => w.Runs).Count(r => r.Day >= shown && r.Day <= to);
        var summary = ClinicianSummaries.Assemble(runnerId, profile?.DisplayName, zone, timeZone, from, to,
            await reports, days, runs, await sessions, await recommendations);
        return new RazorComponentResult<ClinicianSummaryPage>(new { S = summary, Today = LocalCalendar.LocalDay(clock.GetUtcNow(), zone) })
        {
            ContentType = "text/html; charset=utf-8",
        };
    }

    public static bool TryParseWeeks(string? weeks, out int count, out ProblemDetails problem)
    {
        count = ClinicianSummaries.DefaultWeeks;
        var valid = weeks is null
            || (weeks.Length is > 0 and <= 2 && weeks.All(char.IsAsciiDigit)
                && int.TryParse(weeks, NumberStyles.None, CultureInfo.InvariantCulture, out count)
                && count is >= 1 and <= ClinicianSummaries.MaxWeeks);
        problem = new FieldErrors().When(!valid, "weeks", $"Use a whole number of weeks from 1 to {ClinicianSummaries.MaxWeeks}.")
            .ToProblem();
        return valid;
    }
}
