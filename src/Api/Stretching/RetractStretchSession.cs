using HipLog.Api.Http.Lists;
using HipLog.Api.Http.Writes;
using HipLog.Domain.Stretching;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HipLog.Api.Stretching;

public static class RetractStretchSessionEndpoint
{
    public static Task<StretchSessionView?> LoadAsync(string runnerId, Guid sessionId, IDocumentSession session, CancellationToken ct) =>
        LogEntries.FindAsync<StretchSessionView>(session, runnerId, sessionId, ct);

    public static ProblemDetails Validate(StretchSessionView? current) => LogEntries.MustStand(current, "stretch session");

    /// <summary>
    /// Takes a session out of every list and of the effectiveness figures; a routine it completed is open again, as it
    /// was before. The history keeps the session, marked as retracted.
    /// </summary>
    [WolverineDelete("/runners/{runnerId}/stretch-sessions/{sessionId}"), Tags("Stretch sessions"), EndpointSummary("Retract a stretch session")]
    [ProducesResponseType(StatusCodes.Status204NoContent), ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static async Task<IResult> Delete(string runnerId, Guid sessionId, [NotBody] StretchSessionView current, IDocumentSession session, HttpContext http,
        TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await FollowedRecommendation.MoveAsync(runnerId, sessionId, current.Session.RecommendationId, null, session, now, ct);
        session.Events.Append(runnerId, new StretchSessionRetracted(runnerId, sessionId, current.Session, now));
        return Written.NoContent(http, session);
    }
}
