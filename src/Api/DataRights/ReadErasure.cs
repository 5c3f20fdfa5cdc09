using HipLog.Api.Http.Problems;
using HipLog.Domain.DataRights;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HipLog.Api.DataRights;

public static class ReadErasureEndpoint
{
    /// <summary>Where an erasure stands: pending until every trace is gone, then done. Answers 404 when none was asked for.</summary>
    [WolverineGet("/runners/{runnerId}/erasure"), Tags("Your data"), EndpointSummary("Read the state of an erasure")]
    [ProducesResponseType<ErasureResponse>(StatusCodes.Status200OK), ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static async Task<IResult> Get(string runnerId, IQuerySession session, ErasureKeys keys, CancellationToken ct) =>
        await session.LoadAsync<ErasureRequest>(keys.For(runnerId), ct) is { } request
            ? Results.Ok(ErasureResponse.From(request))
            : Problem.NotFound("erasure asked for by this runner");
}
