using HipLog.Api.Http.Lists;
using HipLog.Api.Http.Problems;
using HipLog.Domain.Stretching;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HipLog.Api.Stretching;

public sealed record StretchSessionResponse(
    Guid Id,
    DateTimeOffset CompletedAt,
    IReadOnlyList<ExerciseDone> Exercises,
    int? PainBefore,
    int? PainAfter,
    string? RecommendationId,
    string? Notes,
    int Corrections)
{
    public static string PathOf(StretchSessionCompleted e) => $"/runners/{e.RunnerId}/stretch-sessions/{e.SessionId}";

    public static StretchSessionResponse From(StretchSessionView v) =>
        new(v.Id, v.Session.CompletedAt, v.Session.Exercises, v.Session.PainBefore, v.Session.PainAfter, v.Session.RecommendationId,
            v.Session.Notes, v.Corrections);
}

public static class ListStretchSessionsEndpoint
{
    [WolverineGet("/runners/{runnerId}/stretch-sessions"), Tags("Stretch sessions"), EndpointSummary("List stretch sessions")]
    [ProducesResponseType<Page<StretchSessionResponse>>(StatusCodes.Status200OK),
        ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest)]
    public static Task<IResult> List(string runnerId, string? from, string? to, string? limit, string? cursor, IQuerySession session,
        CancellationToken ct) =>
        LogEntries.ListAsync<StretchSessionView>(runnerId, from, to, limit, cursor, session, StretchSessionResponse.From, ct);

    [WolverineGet("/runners/{runnerId}/stretch-sessions/{sessionId}"), Tags("Stretch sessions"),
        EndpointSummary("Read one stretch session")]
    [ProducesResponseType<StretchSessionResponse>(StatusCodes.Status200OK),
        ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static async Task<IResult> Get(string runnerId, Guid sessionId, IQuerySession session, CancellationToken ct) =>
        await LogEntries.FindAsync<StretchSessionView>(session, runnerId, sessionId, ct) is { } found
            ? Results.Ok(StretchSessionResponse.From(found))
            : Problem.NotFound("stretch session with this id in this runner's log");
}
