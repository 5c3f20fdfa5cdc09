using HipLog.Api.Infrastructure;
using HipLog.Domain.Runs;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace HipLog.Api.Runs;

public static class CorrectRunEndpoint
{
    public static ProblemDetails Validate(RunRequest? request, TimeProvider clock) => RunRequest.Validate(request, clock);

    public static Task<RunView?> LoadAsync(string runnerId, Guid runId, IDocumentSession session, CancellationToken ct) =>
        LogEntries.FindAsync<RunView>(session, runnerId, runId, ct);

    public static ProblemDetails Validate(RunView? current) => LogEntries.MustStand(current, "run");

    /// <summary>Replaces every field of a run with the ones sent. The original stays in the history as it was.</summary>
    [WolverinePut("/runners/{runnerId}/runs/{runId}"), Tags("Runs"), EndpointSummary("Correct a run")]
    [ProducesResponseType<RunResponse>(StatusCodes.Status200OK), ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static (IResult, IMartenOp) Put(string runnerId, Guid runId, RunRequest request, RunView current, IDocumentSession session,
        HttpContext http, TimeProvider clock)
    {
        var details = request.ToDetails();
        if (details == current.Run)
            return (Written.Ok(http, session, RunResponse.From(current)), MartenOps.Nothing());

        return (Written.Ok(http, session, RunResponse.From(current with { Run = details, Corrections = current.Corrections + 1 })),
            MartenOps.Append(runnerId, new RunCorrected(runnerId, runId, details, clock.GetUtcNow())));
    }
}
