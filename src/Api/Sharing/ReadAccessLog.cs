using HipLog.Api.Http.Lists;
using HipLog.Api.Http.Problems;
using HipLog.Api.Profiles;
using HipLog.Domain.Sharing;
using HipLog.Domain.Time;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HipLog.Api.Sharing;

/// <summary>One read a clinician made: when, what, and the range of days it covered.</summary>
/// <param name="ClinicianName">The clinician's name as it is now; "erased clinician" once they are.</param>
public sealed record AccessResponse(Guid Id, DateTimeOffset At, string ClinicianId, string? ClinicianName, string What, DateOnly? From,
    DateOnly? To);

public static class ReadAccessLogEndpoint
{
    private static readonly PagedList<ShareAccess, Guid> Paged =
        new(nameof(ShareAccess), a => a.At, "hiplog.mt_immutable_timestamptz(d.data ->> 'at')", a => a.Id, PagedIds.Guid,
            NewestFirst: true);

    /// <summary>Every read the clinician made through the share, newest first: the history itself, not a count.</summary>
    [WolverineGet("/runners/{runnerId}/shares/{shareId}/access-log"), Tags("Sharing"), EndpointSummary("Read a share's access log")]
    [ProducesResponseType<Page<AccessResponse>>(StatusCodes.Status200OK),
     ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static async Task<IResult> List(string runnerId, Guid shareId, string? limit, string? cursor, IQuerySession session,
        CancellationToken ct)
    {
        var errors = new FieldErrors();
        var page = Paged.Read(limit, cursor, errors);
        if (!errors.IsEmpty)
            return Results.Problem(errors.ToProblem());
        if (await ListSharesEndpoint.FindAsync(session, runnerId, shareId, ct) is not { } share)
            return Problem.NotFound("share with this id for this runner");
        var zone = await RunnerZone.LoadAsync(session, runnerId, ct);
        var name = share.ClinicianId is { } id ? (await ShareFacts.LoadAsync(session, [share], ct)).NameOf(id) : null;
        return Results.Ok(await Paged.ReadAsync(session.Query<ShareAccess>().Where(a => a.ShareId == shareId), page,
            a => new AccessResponse(a.Id, LocalCalendar.InZone(a.At, zone), a.ClinicianId, name ?? ShareResponse.ErasedClinician, a.What,
                a.From,
                a.To), ct));
    }
}
