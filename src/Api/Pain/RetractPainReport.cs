using HipLog.Api.Http.Lists;
using HipLog.Api.Http.Writes;
using HipLog.Domain.Pain;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace HipLog.Api.Pain;

public static class RetractPainReportEndpoint
{
    public static Task<PainReportView?> LoadAsync(string runnerId, Guid reportId, IDocumentSession session, CancellationToken ct) =>
        LogEntries.FindAsync<PainReportView>(session, runnerId, reportId, ct);

    public static ProblemDetails Validate(PainReportView? current) => LogEntries.MustStand(current, "pain report");

    [WolverineDelete("/runners/{runnerId}/pain-reports/{reportId}"), Tags("Pain reports"), EndpointSummary("Retract a pain report")]
    [ProducesResponseType(StatusCodes.Status204NoContent), ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static (Written<NoBody>, IMartenOp) Delete(string runnerId, [NotBody] PainReportView current, TimeProvider clock) =>
        (Written.NoContent(), MartenOps.Append(runnerId, PainLog.Retract(current, clock.GetUtcNow())));
}
