using HipLog.Api.Http.Lists;
using HipLog.Api.Http.Writes;
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

/// <summary>A correction of some fields only: PATCH with a JSON merge patch, judged by the same rules as PUT.</summary>
public static class PatchRunEndpoint
{
    public static Task<RunView?> LoadAsync(string runnerId, Guid runId, IDocumentSession session, CancellationToken ct) =>
        LogEntries.FindAsync<RunView>(session, runnerId, runId, ct);

    public static ProblemDetails Validate(RunView? current) => LogEntries.MustStand(current, "run");

    /// <summary>Changes only the fields sent (application/merge-patch+json); null removes an optional field.</summary>
    [WolverinePatch("/runners/{runnerId}/runs/{runId}"), Tags("Runs"), EndpointSummary("Correct some fields of a run")]
    [ProducesResponseType<RunResponse>(StatusCodes.Status200OK), ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound),
     ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType)]
    public static async Task<IResult> Patch(string runnerId, Guid runId, [NotBody] RunView current, IDocumentSession session, HttpContext http, TimeProvider clock,
        CancellationToken ct)
    {
        var r = current.Run;
        var (merged, problem) = await MergePatch.ApplyAsync(http, RunRequest.From(r), ct);
        // A run imported without effort or surface can be patched without adding them.
        var fromFile = r.PerceivedEffort is null || r.Surface is null;
        if (MergePatch.Stops(problem) || MergePatch.Stops(problem = RunRequest.Validate(merged, clock, fromFile)))
            return Results.Problem(problem);

        var (answer, append) = CorrectRunEndpoint.Put(runnerId, runId, merged!, current, session, http, clock);
        append.Execute(session);
        return answer;
    }
}
