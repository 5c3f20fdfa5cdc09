using HipLog.Domain.DataRights;
using System.Text.Json.Serialization;
using HipLog.Api.DataRights;
using HipLog.Api.Hosting;
using HipLog.Api.Http.Problems;
using HipLog.Api.Http.Writes;
using HipLog.Domain.CalendarFeeds;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace HipLog.Api.CalendarFeeds;

/// <param name="Url">The feed's address, to subscribe to in a calendar app. Whoever has it can read the feed: it is shown once.</param>
/// <param name="UrlNote">Only in a replay under the same Idempotency-Key, which never carries the address.</param>
public sealed record CalendarFeedResponse(
    string? Url,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UrlNote = null) : IReplayable
{
    public object ForReplay() => this with
    {
        Url = null,
        UrlNote = "The feed's address was shown only in the first answer and is not kept for replays; post again (without the key) for a " +
            "new one.",
    };
}

public static class CreateCalendarFeedEndpoint
{
    /// <summary>A feed of a runner HipLog knows nothing of would be empty; one made while an erasure is under way would outlive
    /// it.</summary>
    public static async Task<ProblemDetails> ValidateAsync(string runnerId, IDocumentSession session, ErasureKeys keys,
        CancellationToken ct) =>
        await session.Events.FetchStreamStateAsync(runnerId, ct) is null
        || await UnknownRunners.WereErasedAsync(session, keys, runnerId, ct)
            ? Problem.Missing("runner with this id: create a profile first")
            : WolverineContinue.NoProblems;

    /// <summary>
    /// A secret address of the runner's routines and clinician advisories as an iCalendar feed, for any calendar app
    /// to subscribe to. Posting again makes a new address and the old one stops working at once (rotation); DELETE
    /// revokes it. The address is its own credential, so it is shown only in this answer: HipLog keeps a hash of it.
    /// </summary>
    [WolverinePost("/runners/{runnerId}/calendar-feed"), Tags("Calendar feed"), EndpointSummary("Create or rotate the calendar feed")]
    [ProducesResponseType<CalendarFeedResponse>(StatusCodes.Status201Created),
        ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static (Written<CalendarFeedResponse>, IMartenOp) Post(string runnerId, PublicUrls urls, TimeProvider clock)
    {
        var secret = CalendarFeedSecret.New();
        // Keyed by the runner: storing it replaces the runner's earlier feed, whose hash then finds nothing.
        var feed = new CalendarFeed(runnerId, CalendarFeedSecret.HashOf(secret), clock.GetUtcNow());
        return (Written.Created($"/runners/{runnerId}/calendar-feed",
            new CalendarFeedResponse(ReadCalendarFeedEndpoint.Url(urls, secret))),
            MartenOps.Store(feed));
    }
}
