using HipLog.Api.Http.Lists;
using HipLog.Api.Http.Problems;
using HipLog.Domain.Pain;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HipLog.Api.Pain;

public sealed record PainReportResponse(
    Guid Id,
    DateTimeOffset ReportedAt,
    int Score,
    PainLocation Location,
    BodySide Side,
    PainTiming Timing,
    PainCharacter Character,
    Guid? RunId,
    RedFlags RedFlags,
    string? Notes,
    int Corrections)
{
    public static string PathOf(PainReported e) => $"/runners/{e.RunnerId}/pain-reports/{e.ReportId}";

    public static PainReportResponse From(PainReportView v) =>
        new(v.Id, v.Report.ReportedAt, v.Report.Score, v.Report.Location, v.Report.Side, v.Report.Timing, v.Report.Character,
            v.Report.RunId, v.Report.RedFlags, v.Report.Notes, v.Corrections);
}

public static class ListPainReportsEndpoint
{
    /// <summary>The runner's pain reports, oldest first; from and to as for runs.</summary>
    [WolverineGet("/runners/{runnerId}/pain-reports"), Tags("Pain reports"), EndpointSummary("List pain reports")]
    [ProducesResponseType<Page<PainReportResponse>>(StatusCodes.Status200OK),
        ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest)]
    public static Task<IResult> List(string runnerId, string? from, string? to, string? limit, string? cursor, IQuerySession session,
        CancellationToken ct) =>
        LogEntries.ListAsync<PainReportView>(runnerId, from, to, limit, cursor, session, PainReportResponse.From, ct);

    [WolverineGet("/runners/{runnerId}/pain-reports/{reportId}"), Tags("Pain reports"), EndpointSummary("Read one pain report")]
    [ProducesResponseType<PainReportResponse>(StatusCodes.Status200OK), ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static async Task<IResult> Get(string runnerId, Guid reportId, IQuerySession session, CancellationToken ct) =>
        await LogEntries.FindAsync<PainReportView>(session, runnerId, reportId, ct) is { } report
            ? Results.Ok(PainReportResponse.From(report))
            : Problem.NotFound("pain report with this id in this runner's log");
}
