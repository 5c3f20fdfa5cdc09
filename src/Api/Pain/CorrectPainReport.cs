using HipLog.Api.Infrastructure;
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
