using HipLog.Api.Http.Lists;
using HipLog.Api.Http.Writes;
using HipLog.Domain.Stretching;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace HipLog.Api.Stretching;

public static class RetractStretchSessionEndpoint
{
    public static Task<(StretchSessionView?, FollowedRoutines)> LoadAsync(string runnerId, Guid sessionId, IDocumentSession session,
        CancellationToken ct) =>
        CorrectStretchSessionEndpoint.LoadWithFollowedAsync(runnerId, sessionId, null, session, ct);

    public static ProblemDetails Validate(StretchSessionView? current) => LogEntries.MustStand(current, "stretch session");

    /// <summary>
    /// Takes a session out of every list and of the effectiveness figures; a routine it completed is open again, as it
    /// was before. The history keeps the session, marked as retracted.
    /// </summary>
    [WolverineDelete("/runners/{runnerId}/stretch-sessions/{sessionId}"), Tags("Stretch sessions"),
        EndpointSummary("Retract a stretch session")]
    [ProducesResponseType(StatusCodes.Status204NoContent), ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static (Written<NoBody>, IEnumerable<IMartenOp>) Delete(string runnerId, [NotBody] StretchSessionView current,
        [NotBody] FollowedRoutines followed, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return (Written.NoContent(),
            [MartenOps.Append(runnerId, StretchLog.Retract(current, now)), .. followed.Follow(runnerId, current.Id, now)]);
    }
}
