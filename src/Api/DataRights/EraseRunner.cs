using HipLog.Api.Http.Problems;
using HipLog.Api.Http.Writes;
using HipLog.Domain.CalendarFeeds;
using HipLog.Domain.DataRights;
using HipLog.Domain.Imports;
using HipLog.Domain.Storage;
using HipLog.Domain.Watch;
using HipLog.Domain.Webhooks;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace HipLog.Api.DataRights;

public sealed record ErasureResponse(string Status, DateTimeOffset RequestedAt, DateTimeOffset? CompletedAt)
{
    public static ErasureResponse From(ErasureRequest request) =>
        new(request.Status == ErasureStatus.Done ? "done" : "pending", request.RequestedAt, request.CompletedAt);
}

/// <summary>What is known of a runner before they are erased: an earlier erasure, and whether anything of theirs is stored.</summary>
public sealed record ErasureState(string Key, ErasureRequest? Earlier, bool HoldsData);

public static class EraseRunnerEndpoint
{
    public static async Task<ErasureState> LoadAsync(string runnerId, IDocumentSession session, ErasureKeys keys, CancellationToken ct)
    {
        var key = keys.For(runnerId);
        return new(key, await session.LoadAsync<ErasureRequest>(key, ct), await HoldsAnythingAsync(session, runnerId, ct));
    }

    /// <summary>
    /// Their log, or anything stored without one: a runner whose only data is an uploaded archive, a calendar feed,
    /// a webhook or a kept answer has something to erase too. One round trip.
    /// </summary>
    private static async Task<bool> HoldsAnythingAsync(IDocumentSession session, string runnerId, CancellationToken ct)
    {
        var batch = session.CreateBatchQuery();
        var imports = batch.Query<RunImport>().Where(i => i.RunnerId == runnerId).Any();
        var answers = batch.Query<IdempotentResponse>().Where(r => r.RunnerId == runnerId).Any();
        var feed = batch.Load<CalendarFeed>(runnerId);
        var webhook = batch.Load<WebhookSubscription>(runnerId);
        await batch.Execute(ct);
        return await session.Events.FetchStreamStateAsync(runnerId, ct) is not null
            || await imports || await answers || await feed is not null || await webhook is not null;
    }

    /// <summary>A runner of whom nothing is stored, and who was never erased, is not there to erase.</summary>
    public static ProblemDetails Validate(ErasureState state) =>
        state is { HoldsData: false, Earlier: null }
            ? Problem.Missing("runner with this id")
            : WolverineContinue.NoProblems;

    /// <summary>
    /// Erases the runner: every event of their log and of their recommendations, every figure and view derived from
    /// them, their webhook and its deliveries, stored idempotent answers and their scheduled jobs. The webhook is
    /// removed at once, so nothing is posted to it after this request; the Worker erases the rest within seconds.
    /// </summary>
    [WolverineDelete("/runners/{runnerId}"), Tags("Your data"), EndpointSummary("Erase the runner and everything they logged")]
    [WhileErasing]
    [ProducesResponseType<ErasureResponse>(StatusCodes.Status202Accepted), ProducesResponseType(StatusCodes.Status204NoContent),
     ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static (Written<ErasureResponse>, IEnumerable<IMartenOp>) Delete(string runnerId, [NotBody] ErasureState state,
        TimeProvider clock)
    {
        var location = $"/runners/{runnerId}/erasure";
        if (state.Earlier is { Status: ErasureStatus.Pending } pending)
            return (Written.Accepted(location, ErasureResponse.From(pending)), []);
        // Asking again after the erasure finished is not an error: the runner is already gone.
        if (!state.HoldsData)
            return (new Written<ErasureResponse>(StatusCodes.Status204NoContent, null, null), []);

        var request = RunnerErasure.Ask(state.Key, runnerId, clock.GetUtcNow());
        return (Written.Accepted(location, ErasureResponse.From(request)),
        [
            MartenOps.Store(request),
            MartenOps.Delete<WebhookSubscription>(runnerId),
            // The stream of an earlier erasure of the same id (the runner came back) carries the new request too.
            MartenOps.Append(RunnerErasure.StreamFor(request.Id), new RunnerErasureRequested(request.Id, request.RequestedAt)),
        ]);
    }
}
