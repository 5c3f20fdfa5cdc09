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
    public static async Task<IResult> Delete(string runnerId, Guid reportId, IDocumentSession session, HttpContext http,
        TimeProvider clock, CancellationToken ct)
    {
        if (await LogEntries.FindAsync<PainReportView>(session, runnerId, reportId, ct) is null)
            return Problems.NotFound("pain report with this id in this runner's log (it may have been retracted already)");

        session.Events.Append(runnerId, new PainReportRetracted(runnerId, reportId, clock.GetUtcNow()));
        return Written.NoContent(http, session);
    }
}
