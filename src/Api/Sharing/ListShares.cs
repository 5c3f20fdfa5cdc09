using HipLog.Api.Http.Lists;
using HipLog.Api.Http.Problems;
using HipLog.Api.Profiles;
using HipLog.Domain.Sharing;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HipLog.Api.Sharing;

public static class ListSharesEndpoint
{
    private static readonly PagedList<ShareView, string> Paged =
        new(nameof(ShareView), s => s.OfferedAt, "hiplog.mt_immutable_timestamptz(d.data ->> 'offeredAt')", s => s.Id, id => id,
            NewestFirst: true);

    /// <summary>The runner's shares, newest first, with each one's status, its clinician once accepted, and the last read.</summary>
    [WolverineGet("/runners/{runnerId}/shares"), Tags("Sharing"), EndpointSummary("List shares")]
    [ProducesResponseType<Page<ShareResponse>>(StatusCodes.Status200OK)]
    public static async Task<IResult> List(string runnerId, string? limit, string? cursor, IQuerySession session, TimeProvider clock,
        CancellationToken ct)
    {
        var errors = new FieldErrors();
        var page = Paged.Read(limit, cursor, errors);
        if (!errors.IsEmpty)
            return Results.Problem(errors.ToProblem());
        var zone = await RunnerZone.LoadAsync(session, runnerId, ct);
        var now = clock.GetUtcNow();
        var shares = await Paged.ReadAsync(session.Query<ShareView>().Where(s => s.RunnerId == runnerId), page, s => s, ct);
        var facts = await ShareFacts.LoadAsync(session, shares.Items.ToList(), ct);
        return Results.Ok(new Page<ShareResponse>(shares.Items.Select(s => ShareResponse.Of(s, now, zone, facts)).ToList(), shares.Next));
    }

    [WolverineGet("/runners/{runnerId}/shares/{shareId}"), Tags("Sharing"), EndpointSummary("Read one share")]
    [ProducesResponseType<ShareResponse>(StatusCodes.Status200OK), ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static async Task<IResult> Get(string runnerId, Guid shareId, IQuerySession session, TimeProvider clock, CancellationToken ct) =>
        await FindAsync(session, runnerId, shareId, ct) is { } share
            ? Results.Ok(ShareResponse.Of(share, clock.GetUtcNow(), await RunnerZone.LoadAsync(session, runnerId, ct),
                await ShareFacts.LoadAsync(session, [share], ct)))
            : Problem.NotFound("share with this id for this runner");

    /// <summary>Another runner's share is as absent as one that never existed.</summary>
    public static async Task<ShareView?> FindAsync(IQuerySession session, string runnerId, Guid shareId, CancellationToken ct) =>
        await session.LoadAsync<ShareView>(Shares.StreamFor(shareId), ct) is { } share && share.RunnerId == runnerId ? share : null;
}
