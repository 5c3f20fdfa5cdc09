using HipLog.Api.Http.Problems;
using HipLog.Domain.Sharing;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace HipLog.Api.Sharing;

public static class EndShareEndpoint
{
    public static Task<ShareView?> LoadAsync(string clinicianId, string runnerId, IDocumentSession session, TimeProvider clock,
        CancellationToken ct) =>
        ShareQueries.PatientShareAsync(session, clinicianId, runnerId, clock.GetUtcNow(), ct);

    /// <summary>The clinician ends a share on their side: the runner sees it "ended", and the patient leaves the list.</summary>
    [WolverineDelete("/clinicians/{clinicianId}/patients/{runnerId}"), Tags("Clinicians"), EndpointSummary("End a patient's share")]
    [ProducesResponseType(StatusCodes.Status204NoContent), ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static (IResult, IMartenOp) Delete(string clinicianId, [NotBody] ShareView? share, TimeProvider clock) =>
        share is not null && Shares.End(share, clinicianId, clock.GetUtcNow()) is { } ended
            ? (Results.NoContent(), MartenOps.Append(share.Id, share.Version + 1, ended))
            : (Problem.NotFound("patient with this id who shares with you now"), MartenOps.Nothing());
}
