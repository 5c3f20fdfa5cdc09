using HipLog.Api.Http.Lists;
using HipLog.Api.Http.Problems;
using HipLog.Api.Http.Writes;
using HipLog.Domain.Stretching;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace HipLog.Api.Stretching;

public static class CorrectStretchSessionEndpoint
{
    public static ProblemDetails Validate(StretchSessionRequest? request, TimeProvider clock)
        => CompleteStretchSessionEndpoint.Validate(request, clock);

    public static async Task<(StretchSessionView?, FollowedRoutines)> LoadAsync(string runnerId, Guid sessionId,
        StretchSessionRequest request,
        IDocumentSession session, CancellationToken ct) =>
        await LoadWithFollowedAsync(runnerId, sessionId, request.RecommendationId, session, ct);

    public static ProblemDetails Validate(string runnerId, StretchSessionRequest request, StretchSessionView? current,
        FollowedRoutines followed) =>
        current is null ? LogEntries.MustStand(current, "stretch session")
            : Followed(runnerId, request.RecommendationId, current, followed);

    /// <summary>
    /// Replaces every field of a stretch session with the ones sent; the effectiveness figures count it as if it had always
    /// said so. Naming another recommendation (or none) reopens the one this session had completed.
    /// </summary>
    [WolverinePut("/runners/{runnerId}/stretch-sessions/{sessionId}"), Tags("Stretch sessions"),
        EndpointSummary("Correct a stretch session")]
    [ProducesResponseType<StretchSessionResponse>(StatusCodes.Status200OK),
        ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound),
     ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    public static (Written<StretchSessionResponse>, IEnumerable<IMartenOp>) Put(string runnerId, StretchSessionRequest request,
        [NotBody] StretchSessionView current, [NotBody] FollowedRoutines followed, TimeProvider clock) =>
        Correct(runnerId, request.ToDetails(), current, followed, clock);

    /// <summary>PUT's decision, for PATCH too.</summary>
    public static (Written<StretchSessionResponse>, IEnumerable<IMartenOp>) Correct(string runnerId, StretchSessionDetails details,
        StretchSessionView current, FollowedRoutines followed, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        if (StretchLog.Correct(current, details, now) is not { } corrected)
            return (Written.Ok(StretchSessionResponse.From(current)), []);
        return (Written.Ok(StretchSessionResponse.From(current.Corrected(corrected))),
            [MartenOps.Append(runnerId, corrected), .. followed.Follow(runnerId, current.Id, now)]);
    }

    /// <summary>The session as it stands, the recommendation it is to name and the one it named.</summary>
    internal static async Task<(StretchSessionView?, FollowedRoutines)> LoadWithFollowedAsync(string runnerId, Guid sessionId,
        string? naming,
        IDocumentSession session, CancellationToken ct)
    {
        var current = await LogEntries.FindAsync<StretchSessionView>(session, runnerId, sessionId, ct);
        var was = current?.Session.RecommendationId;
        var named = await FollowedRoutines.LoadAsync(naming, session, ct);
        return (current, new FollowedRoutines(named, was == naming ? named : await FollowedRoutines.LoadAsync(was, session, ct)));
    }

    /// <summary>A session naming a recommendation anew must name one of the runner's own; keeping the one it names needs no
    /// check.</summary>
    internal static ProblemDetails Followed(string runnerId, string? naming, StretchSessionView current, FollowedRoutines followed) =>
        naming == current.Session.RecommendationId ? WolverineContinue.NoProblems : followed.MustBeOwn(runnerId, naming);
}

/// <summary>A correction of some fields only: PATCH with a JSON merge patch, judged by the same rules as PUT.</summary>
public static class PatchStretchSessionEndpoint
{
    public static Task<(MergePatch?, ProblemDetails)> BeforeAsync(HttpRequest request, CancellationToken ct)
        => MergePatch.ReadAsync(request, ct);

    public static Task<StretchSessionView?> LoadAsync(string runnerId, Guid sessionId, IDocumentSession session, CancellationToken ct) =>
        LogEntries.FindAsync<StretchSessionView>(session, runnerId, sessionId, ct);

    public static async Task<(Patched<StretchSessionRequest>?, FollowedRoutines?, ProblemDetails)> ValidateAsync(string runnerId,
        MergePatch patch,
        StretchSessionView? current, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        if (LogEntries.MustStand(current, "stretch session") is var missing && missing.Stops())
            return (null, null, missing);
        var (merged, problem) = patch.Into(StretchSessionRequest.From(current!.Session));
        if (!problem.Stops())
            problem = CompleteStretchSessionEndpoint.Validate(merged, clock);
        if (problem.Stops())
            return (null, null, problem);
        var (_, followed) = await CorrectStretchSessionEndpoint.LoadWithFollowedAsync(runnerId, current.Id, merged!.RecommendationId,
            session, ct);
        problem = CorrectStretchSessionEndpoint.Followed(runnerId, merged.RecommendationId, current, followed);
        return problem.Stops() ? (null, null, problem) : (new Patched<StretchSessionRequest>(merged), followed, problem);
    }

    /// <summary>Changes only the fields sent (application/merge-patch+json); exercises, an array, are replaced whole; null removes an
    /// optional field.</summary>
    [WolverinePatch("/runners/{runnerId}/stretch-sessions/{sessionId}"), Tags("Stretch sessions"),
        EndpointSummary("Correct some fields of a stretch session")]
    [ProducesResponseType<StretchSessionResponse>(StatusCodes.Status200OK),
        ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound),
     ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType)]
    public static (Written<StretchSessionResponse>, IEnumerable<IMartenOp>) Patch(string runnerId, [NotBody] StretchSessionView current,
        [NotBody] Patched<StretchSessionRequest> patched, [NotBody] FollowedRoutines followed, TimeProvider clock) =>
        CorrectStretchSessionEndpoint.Correct(runnerId, patched.Request.ToDetails(), current, followed, clock);
}
