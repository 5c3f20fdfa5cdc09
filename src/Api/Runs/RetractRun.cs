using HipLog.Api.Infrastructure;
using HipLog.Domain.Runs;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HipLog.Api.Runs;

public static class RetractRunEndpoint
{
    /// <summary>Takes a run out of every list and figure. The history keeps it, marked as retracted.</summary>
    [WolverineDelete("/runners/{runnerId}/runs/{runId}"), Tags("Runs"), EndpointSummary("Retract a run")]
    [ProducesResponseType(StatusCodes.Status204NoContent), ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static Task<IResult> Delete(string runnerId, Guid runId, IDocumentSession session, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        LogEntries.RetractAsync<RunView>(runnerId, runId, "run", () => new RunRetracted(runnerId, runId, clock.GetUtcNow()), session, http, ct);
}
