using HipLog.Api.Http.Problems;
using HipLog.Domain.Imports;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HipLog.Api.Imports;

public static class ReadImportEndpoint
{
    /// <summary>How far an archive import got: queued, running, done or failed, with a count of runs imported and duplicates, and each file
    /// that failed.</summary>
    [WolverineGet("/runners/{runnerId}/imports/{importId}"), Tags("Runs"), EndpointSummary("Read how far an archive import got")]
    [ProducesResponseType<RunImportResponse>(StatusCodes.Status200OK), ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static async Task<IResult> Get(string runnerId, Guid importId, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<RunImport>(importId, ct) is { } import && import.RunnerId == runnerId
            ? Results.Ok(RunImportResponse.From(import))
            : Problem.NotFound("archive import with this id for this runner");
}
