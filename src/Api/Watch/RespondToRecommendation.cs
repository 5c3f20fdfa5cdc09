using HipLog.Api.Http.Problems;
using HipLog.Api.Http.Writes;
using HipLog.Api.Profiles;
using HipLog.Domain.Watch;
using HipLog.Domain.Wire;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HipLog.Api.Watch;

/// <summary>The runner's answers to a recommendation: seen it (acknowledge), or not for me (dismiss).</summary>
public static class RespondToRecommendationEndpoint
{
    [WolverinePost("/runners/{runnerId}/recommendations/{recommendationId}/acknowledge"), Tags("Recommendations"), EndpointSummary("Acknowledge a recommendation")]
    [ProducesResponseType<RecommendationPayload>(StatusCodes.Status200OK), ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public static Task<IResult> Acknowledge(string runnerId, string recommendationId, IDocumentSession session, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        RespondAsync(runnerId, recommendationId, session, http, ct, RecommendationStatus.Acknowledged,
            [RecommendationStatus.Scheduled, RecommendationStatus.Delivered],
            () => new RecommendationAcknowledged(recommendationId, runnerId, clock.GetUtcNow()));

    [WolverinePost("/runners/{runnerId}/recommendations/{recommendationId}/dismiss"), Tags("Recommendations"), EndpointSummary("Dismiss a recommendation")]
    [ProducesResponseType<RecommendationPayload>(StatusCodes.Status200OK), ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public static Task<IResult> Dismiss(string runnerId, string recommendationId, IDocumentSession session, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        RespondAsync(runnerId, recommendationId, session, http, ct, RecommendationStatus.Dismissed,
            [RecommendationStatus.Scheduled, RecommendationStatus.Delivered, RecommendationStatus.Acknowledged],
            () => new RecommendationDismissed(recommendationId, runnerId, clock.GetUtcNow()));

    private static async Task<IResult> RespondAsync(string runnerId, string recommendationId, IDocumentSession session, HttpContext http, CancellationToken ct,
        RecommendationStatus target, RecommendationStatus[] from, Func<object> answer)
    {
        var stream = await session.Events.FetchForWriting<RecommendationView>(recommendationId, ct);
        if (stream.Aggregate is not { } current || current.RunnerId != runnerId)
            return Problem.NotFound("recommendation with this id for this runner");
        if (current.Status == target)
            return Written.Ok(http, session, RecommendationPayload.From(current, await RunnerZone.LoadAsync(session, runnerId, ct)));
        if (!from.Contains(current.Status))
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The recommendation is closed",
                detail: $"It is {Kebab.Of(current.Status)} and can no longer be {Kebab.Of(target)}.");

        var e = answer();
        stream.AppendOne(e);
        var view = new RecommendationViewProjection().Evolve(current, recommendationId, new JasperFx.Events.Event<object>(e) { Version = current.Version + 1 })!;
        return Written.Ok(http, session, RecommendationPayload.From(view, await RunnerZone.LoadAsync(session, runnerId, ct)));
    }
}
