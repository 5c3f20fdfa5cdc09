using HipLog.Api.Http.Problems;
using HipLog.Api.Http.Writes;
using HipLog.Domain.DataRights;
using HipLog.Domain.Watch;
using HipLog.Domain.Webhooks;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HipLog.Api.DataRights;

public sealed record ErasureResponse(string Status, DateTimeOffset RequestedAt, DateTimeOffset? CompletedAt)
{
    public static ErasureResponse From(ErasureRequest request) =>
        new(request.Status == ErasureStatus.Done ? "done" : "pending", request.RequestedAt, request.CompletedAt);
}

public static class EraseRunnerEndpoint
{
    /// <summary>
    /// Erases the runner: every event of their log and of their recommendations, every figure and view derived from
    /// them, their webhook and its deliveries, stored idempotent answers and their scheduled jobs. The webhook is
    /// removed at once, so nothing is posted to it after this request; the Worker erases the rest within seconds.
    /// </summary>
    [WolverineDelete("/runners/{runnerId}"), Tags("Your data"), EndpointSummary("Erase the runner and everything they logged")]
    [ProducesResponseType<ErasureResponse>(StatusCodes.Status202Accepted), ProducesResponseType(StatusCodes.Status204NoContent),
     ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static async Task<IResult> Delete(string runnerId, IDocumentSession session, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var key = RunnerErasure.KeyFor(runnerId);
        var location = $"/runners/{runnerId}/erasure";
        var earlier = await session.LoadAsync<ErasureRequest>(key, ct);
        if (earlier is { Status: ErasureStatus.Pending })
            return Written.Accepted(http, session, location, ErasureResponse.From(earlier));

        var stream = await session.Events.FetchStreamStateAsync(runnerId, ct);
        if (stream is null)
        {
            // Asking again after the erasure finished is not an error: the runner is already gone.
            return earlier is { Status: ErasureStatus.Done } ? Written.NoContent(http, session) : Problem.NotFound("runner with this id");
        }

        var now = clock.GetUtcNow();
        var request = new ErasureRequest(key, runnerId, ErasureStatus.Pending, now, null);
        session.Store(request);
        session.Delete<WebhookSubscription>(runnerId);
        session.Events.Append(RunnerErasure.StreamFor(key), new RunnerErasureRequested(key, now));
        return Written.Accepted(http, session, location, ErasureResponse.From(request));
    }

    /// <summary>Where an erasure stands: pending until every trace is gone, then done. Answers 404 when none was asked for.</summary>
    [WolverineGet("/runners/{runnerId}/erasure"), Tags("Your data"), EndpointSummary("Read the state of an erasure")]
    [ProducesResponseType<ErasureResponse>(StatusCodes.Status200OK), ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static async Task<IResult> Get(string runnerId, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<ErasureRequest>(RunnerErasure.KeyFor(runnerId), ct) is { } request
            ? Results.Ok(ErasureResponse.From(request))
            : Problem.NotFound("erasure asked for by this runner");
}
