using HipLog.Api.Infrastructure;
using HipLog.Domain.Pain;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HipLog.Api.Pain;

public static class RetractPainReportEndpoint
{
    [WolverineDelete("/runners/{runnerId}/pain-reports/{reportId}"), Tags("Pain reports"), EndpointSummary("Retract a pain report")]
    [ProducesResponseType(StatusCodes.Status204NoContent), ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static Task<IResult> Delete(string runnerId, Guid reportId, IDocumentSession session, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        LogEntries.RetractAsync<PainReportView>(runnerId, reportId, "pain report",
            () => new PainReportRetracted(runnerId, reportId, clock.GetUtcNow()), session, http, ct);
}
