using HipLog.Api.Http.Lists;
using HipLog.Api.Http.Problems;
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
    public static (Written<RunResponse>, IMartenOp) Put(string runnerId, RunRequest request, RunView current, TimeProvider clock) =>
        Correct(runnerId, request.ToDetails(), current, clock);

    /// <summary>PUT's decision, for PATCH too.</summary>
    public static (Written<RunResponse>, IMartenOp) Correct(string runnerId, RunDetails details, RunView current, TimeProvider clock) =>
        RunLog.Correct(current, details, clock.GetUtcNow()) is { } corrected
            ? (Written.Ok(RunResponse.From(current.Corrected(corrected))), MartenOps.Append(runnerId, corrected))
            : (Written.Ok(RunResponse.From(current)), MartenOps.Nothing());
}

/// <summary>A correction of some fields only: PATCH with a JSON merge patch, judged by the same rules as PUT.</summary>
public static class PatchRunEndpoint
{
    public static Task<(MergePatch?, ProblemDetails)> BeforeAsync(HttpRequest request, CancellationToken ct)
        => MergePatch.ReadAsync(request, ct);

    public static Task<RunView?> LoadAsync(string runnerId, Guid runId, IDocumentSession session, CancellationToken ct) =>
        LogEntries.FindAsync<RunView>(session, runnerId, runId, ct);

    public static (Patched<RunRequest>?, ProblemDetails) Validate(MergePatch patch, RunView? current, TimeProvider clock)
    {
        if (LogEntries.MustStand(current, "run") is var missing && missing.Stops())
            return (null, missing);
        var (merged, problem) = patch.Into(RunRequest.From(current!.Run));
        // A run imported without effort or surface can be patched without adding them.
        var fromFile = current.Run.PerceivedEffort is null || current.Run.Surface is null;
        if (!problem.Stops())
            problem = RunRequest.Validate(merged, clock, fromFile);
        return problem.Stops() ? (null, problem) : (new Patched<RunRequest>(merged!), problem);
    }

    /// <summary>Changes only the fields sent (application/merge-patch+json); null removes an optional field.</summary>
    [WolverinePatch("/runners/{runnerId}/runs/{runId}"), Tags("Runs"), EndpointSummary("Correct some fields of a run")]
    [ProducesResponseType<RunResponse>(StatusCodes.Status200OK), ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound),
     ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType)]
    public static (Written<RunResponse>, IMartenOp) Patch(string runnerId, [NotBody] RunView current, [NotBody] Patched<RunRequest> patched,
        TimeProvider clock) =>
        CorrectRunEndpoint.Correct(runnerId, patched.Request.ToDetails(), current, clock);
}
