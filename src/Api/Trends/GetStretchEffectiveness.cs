using HipLog.Domain.Trends;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HipLog.Api.Trends;

public static class GetStretchEffectivenessEndpoint
{
    /// <summary>Per exercise: sessions done, and the mean change of pain across them (after − before; negative means it eased).</summary>
    [WolverineGet("/runners/{runnerId}/stretch-effectiveness"), Tags("Trends"), EndpointSummary("How each exercise has worked for the runner")]
    [ProducesResponseType<StretchEffectiveness>(StatusCodes.Status200OK)]
    public static async Task<StretchEffectiveness> Get(string runnerId, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<StretchEffectiveness>(runnerId, ct) ?? new StretchEffectiveness(runnerId, []);
}
