using HipLog.Api.Http.Lists;
using HipLog.Api.Http.Problems;
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

    public static async Task<ProblemDetails> ValidateAsync(string runnerId, PainReportRequest request, PainReportView? current,
        IDocumentSession session, CancellationToken ct) =>
        current is null ? LogEntries.MustStand(current, "pain report") : await request.CheckRunLinkAsync(runnerId, session, ct);

    /// <summary>Replaces every field of a pain report with the ones sent; the trends then count it as if it had always said so.</summary>
    [WolverinePut("/runners/{runnerId}/pain-reports/{reportId}"), Tags("Pain reports"), EndpointSummary("Correct a pain report")]
    [ProducesResponseType<PainReportResponse>(StatusCodes.Status200OK), ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static (Written<PainReportResponse>, IMartenOp) Put(string runnerId, PainReportRequest request, PainReportView current,
        TimeProvider clock) =>
        Correct(runnerId, request.ToDetails(), current, clock);

    /// <summary>PUT's decision, for PATCH too.</summary>
    public static (Written<PainReportResponse>, IMartenOp) Correct(string runnerId, PainDetails details, PainReportView current,
        TimeProvider clock) =>
        PainLog.Correct(current, details, clock.GetUtcNow()) is { } corrected
            ? (Written.Ok(PainReportResponse.From(current.Corrected(corrected))), MartenOps.Append(runnerId, corrected))
            : (Written.Ok(PainReportResponse.From(current)), MartenOps.Nothing());
}

/// <summary>A correction of some fields only: PATCH with a JSON merge patch, judged by the same rules as PUT.</summary>
public static class PatchPainReportEndpoint
{
    public static Task<(MergePatch?, ProblemDetails)> BeforeAsync(HttpRequest request, CancellationToken ct)
        => MergePatch.ReadAsync(request, ct);

    public static Task<PainReportView?> LoadAsync(string runnerId, Guid reportId, IDocumentSession session, CancellationToken ct) =>
        LogEntries.FindAsync<PainReportView>(session, runnerId, reportId, ct);

    public static async Task<(Patched<PainReportRequest>?, ProblemDetails)> ValidateAsync(string runnerId, MergePatch patch,
        PainReportView? current,
        IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        if (LogEntries.MustStand(current, "pain report") is var missing && missing.Stops())
            return (null, missing);
        var (merged, problem) = patch.Into(PainReportRequest.From(current!.Report));
        if (!problem.Stops())
            problem = PainReportRequest.Validate(merged, clock);
        if (!problem.Stops())
            problem = await merged!.CheckRunLinkAsync(runnerId, session, ct);
        return problem.Stops() ? (null, problem) : (new Patched<PainReportRequest>(merged!), problem);
    }

    /// <summary>Changes only the fields sent (application/merge-patch+json), red-flag answers one by one; null removes an optional
    /// field.</summary>
    [WolverinePatch("/runners/{runnerId}/pain-reports/{reportId}"), Tags("Pain reports"),
        EndpointSummary("Correct some fields of a pain report")]
    [ProducesResponseType<PainReportResponse>(StatusCodes.Status200OK), ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound),
     ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType)]
    public static (Written<PainReportResponse>, IMartenOp) Patch(string runnerId, [NotBody] PainReportView current,
        [NotBody] Patched<PainReportRequest> patched, TimeProvider clock) =>
        CorrectPainReportEndpoint.Correct(runnerId, patched.Request.ToDetails(), current, clock);
}
