using HipLog.Api.Infrastructure;
using HipLog.Domain.Runs;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HipLog.Api.Runs;

public static class CorrectRunEndpoint
{
    public static ProblemDetails Validate(RunRequest? request, TimeProvider clock) => RunRequest.Validate(request, clock);

    /// <summary>Replaces every field of a run with the ones sent. The original stays in the history as it was.</summary>
    [WolverinePut("/runners/{runnerId}/runs/{runId}"), Tags("Runs"), EndpointSummary("Correct a run")]
    [ProducesResponseType<RunResponse>(StatusCodes.Status200OK), ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static async Task<IResult> Put(string runnerId, Guid runId, RunRequest request, IDocumentSession session,
        HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        if (await LogEntries.FindAsync<RunView>(session, runnerId, runId, ct) is not { } current)
            return Problems.NotFound("run with this id in this runner's log");

        var details = request.ToDetails();
        if (details == current.Run)
            return Written.Ok(http, session, RunResponse.From(current));

        session.Events.Append(runnerId, new RunCorrected(runnerId, runId, details, clock.GetUtcNow()));
        return Written.Ok(http, session, RunResponse.From(current with { Run = details, Corrections = current.Corrections + 1 }));
    }
}
