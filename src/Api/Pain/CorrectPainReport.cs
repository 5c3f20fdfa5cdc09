using HipLog.Api.Http.Lists;
using HipLog.Api.Http.Writes;
using HipLog.Domain.Pain;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace HipLog.Api.Pain;

public static class CorrectPainReportEndpoint
{
    public static ProblemDetails Validate(PainReportRequest? request, TimeProvider clock) => PainReportRequest.Validate(request, clock);

    public static Task<PainReportView?> LoadAsync(string runnerId, Guid reportId, IDocumentSession session, CancellationToken ct) =>
        LogEntries.FindAsync<PainReportView>(session, runnerId, reportId, ct);

    public static async Task<ProblemDetails> ValidateAsync(string runnerId, PainReportRequest request, PainReportView? current, IDocumentSession session, CancellationToken ct) =>
        current is null ? LogEntries.MustStand(current, "pain report") : await request.CheckRunLinkAsync(runnerId, session, ct);

    /// <summary>Replaces every field of a pain report with the ones sent; the trends then count it as if it had always said so.</summary>
    [WolverinePut("/runners/{runnerId}/pain-reports/{reportId}"), Tags("Pain reports"), EndpointSummary("Correct a pain report")]
    [ProducesResponseType<PainReportResponse>(StatusCodes.Status200OK), ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static (IResult, IMartenOp) Put(string runnerId, Guid reportId, PainReportRequest request, PainReportView current,
        IDocumentSession session, HttpContext http, TimeProvider clock)
    {
        var details = request.ToDetails();
        if (details == current.Report)
            return (Written.Ok(http, session, PainReportResponse.From(current)), MartenOps.Nothing());

        return (Written.Ok(http, session, PainReportResponse.From(current with { Report = details, Corrections = current.Corrections + 1 })),
            MartenOps.Append(runnerId, new PainReportCorrected(runnerId, reportId, details, clock.GetUtcNow())));
    }
}

/// <summary>A correction of some fields only: PATCH with a JSON merge patch, judged by the same rules as PUT.</summary>
public static class PatchPainReportEndpoint
{
    public static Task<PainReportView?> LoadAsync(string runnerId, Guid reportId, IDocumentSession session, CancellationToken ct) =>
        LogEntries.FindAsync<PainReportView>(session, runnerId, reportId, ct);

    public static ProblemDetails Validate(PainReportView? current) => LogEntries.MustStand(current, "pain report");

    /// <summary>Changes only the fields sent (application/merge-patch+json), red-flag answers one by one; null removes an optional field.</summary>
    [WolverinePatch("/runners/{runnerId}/pain-reports/{reportId}"), Tags("Pain reports"), EndpointSummary("Correct some fields of a pain report")]
    [ProducesResponseType<PainReportResponse>(StatusCodes.Status200OK), ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound),
     ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType)]
    public static async Task<IResult> Patch(string runnerId, Guid reportId, [NotBody] PainReportView current, IDocumentSession session, HttpContext http,
        TimeProvider clock, CancellationToken ct)
    {
        var r = current.Report;
        var flags = new RedFlagsRequest(r.RedFlags.PainAtRest, r.RedFlags.PainAtNight, r.RedFlags.CannotBearWeight, r.RedFlags.PainWhenHopping);
        var (merged, problem) = await MergePatch.ApplyAsync(http,
            new PainReportRequest(r.ReportedAt, r.Score, r.Location, r.Side, r.Timing, r.Character, r.RunId, flags, r.Notes), ct);
        if (MergePatch.Stops(problem) || MergePatch.Stops(problem = PainReportRequest.Validate(merged, clock))
            || MergePatch.Stops(problem = await merged!.CheckRunLinkAsync(runnerId, session, ct)))
            return Results.Problem(problem);

        var (answer, append) = CorrectPainReportEndpoint.Put(runnerId, reportId, merged, current, session, http, clock);
        append.Execute(session);
        return answer;
    }
}
