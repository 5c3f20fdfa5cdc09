using HipLog.Api.Http.Lists;
using HipLog.Api.Http.Writes;
using HipLog.Domain.Runs;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace HipLog.Api.Runs;

public static class RetractRunEndpoint
{
    public static Task<RunView?> LoadAsync(string runnerId, Guid runId, IDocumentSession session, CancellationToken ct) =>
        LogEntries.FindAsync<RunView>(session, runnerId, runId, ct);

    public static ProblemDetails Validate(RunView? current) => LogEntries.MustStand(current, "run");

    /// <summary>Takes a run out of every list and figure. The history keeps it, marked as retracted.</summary>
    [WolverineDelete("/runners/{runnerId}/runs/{runId}"), Tags("Runs"), EndpointSummary("Retract a run")]
    [ProducesResponseType(StatusCodes.Status204NoContent), ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static (Written<NoBody>, IMartenOp) Delete(string runnerId, [NotBody] RunView current, TimeProvider clock) =>
        (Written.NoContent(), MartenOps.Append(runnerId, RunLog.Retract(current, clock.GetUtcNow())));
}
