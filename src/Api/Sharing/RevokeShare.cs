using HipLog.Api.Http.Problems;
using HipLog.Api.Http.Writes;
using HipLog.Domain.Sharing;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace HipLog.Api.Sharing;

public static class RevokeShareEndpoint
{
    public static Task<ShareView?> LoadAsync(string runnerId, Guid shareId, IDocumentSession session, CancellationToken ct) =>
        ListSharesEndpoint.FindAsync(session, runnerId, shareId, ct);

    public static ProblemDetails Validate(ShareView? share) =>
        share is null ? Problem.Missing("share with this id for this runner") : Wolverine.Http.WolverineContinue.NoProblems;

    /// <summary>
    /// Takes a share back at once: the clinician's very next request for this runner is a 404, and their alerts stop. An
    /// unused code stops working too. Revoking a closed share again changes nothing.
    /// </summary>
    [WolverineDelete("/runners/{runnerId}/shares/{shareId}"), Tags("Sharing"), EndpointSummary("Revoke a share")]
    [ProducesResponseType(StatusCodes.Status204NoContent), ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static (Written<NoBody>, IMartenOp) Delete(string runnerId, [NotBody] ShareView share, TimeProvider clock) =>
        Shares.Revoke(share, clock.GetUtcNow()) is { } revoked
            ? (Written.NoContent(), MartenOps.Append(share.Id, share.Version + 1, revoked))
            : (Written.NoContent(), MartenOps.Nothing());
}
