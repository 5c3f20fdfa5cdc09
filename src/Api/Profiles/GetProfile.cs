using HipLog.Api.Http.Problems;
using HipLog.Domain.Profiles;
using HipLog.Domain.Watch;
using HipLog.Domain.Webhooks;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HipLog.Api.Profiles;

public static class GetProfileEndpoint
{
    [WolverineGet("/runners/{runnerId}/profile"), Tags("Profile"), EndpointSummary("Read the profile")]
    [ProducesResponseType<ProfileResponse>(StatusCodes.Status200OK), ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static async Task<IResult> Get(string runnerId, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<RunnerProfile>(runnerId, ct) is { } profile
            ? Results.Ok(ProfileResponse.From(profile, await session.LoadAsync<WebhookSubscription>(runnerId, ct), null))
            : Problem.NotFound("profile for this runner yet: create it with PUT");
}
