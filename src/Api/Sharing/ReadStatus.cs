using HipLog.Domain.Sharing;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HipLog.Api.Sharing;

public sealed record StatusResponse(Light Light, IReadOnlyList<string> Reasons, DateTimeOffset? LastReportAt, int OpenAdvisories);

public static class ReadStatusEndpoint
{
    /// <summary>The runner's own pain traffic light: the same light, by the same rules, that their clinicians see.</summary>
    [WolverineGet("/runners/{runnerId}/status"), Tags("Sharing"), EndpointSummary("The pain traffic light")]
    [ProducesResponseType<StatusResponse>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(string runnerId, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var light = (await PatientLights.LoadAsync(session, [runnerId], clock.GetUtcNow(), ct))[runnerId];
        return Results.Ok(new StatusResponse(light.Light, light.Reasons, light.LastReportAt, light.OpenAdvisories));
    }
}
