using HipLog.Api.Http.Lists;
using HipLog.Api.Http.Writes;
using HipLog.Domain.Stretching;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HipLog.Api.Stretching;

public static class CorrectStretchSessionEndpoint
{
    public static ProblemDetails Validate(StretchSessionRequest? request, TimeProvider clock) => CompleteStretchSessionEndpoint.Validate(request, clock);

    public static Task<StretchSessionView?> LoadAsync(string runnerId, Guid sessionId, IDocumentSession session, CancellationToken ct) =>
        LogEntries.FindAsync<StretchSessionView>(session, runnerId, sessionId, ct);

    public static ProblemDetails Validate(StretchSessionView? current) => LogEntries.MustStand(current, "stretch session");

    /// <summary>
    /// Replaces every field of a stretch session with the ones sent; the effectiveness figures count it as if it had always
    /// said so. Naming another recommendation (or none) reopens the one this session had completed.
    /// </summary>
    [WolverinePut("/runners/{runnerId}/stretch-sessions/{sessionId}"), Tags("Stretch sessions"), EndpointSummary("Correct a stretch session")]
    [ProducesResponseType<StretchSessionResponse>(StatusCodes.Status200OK), ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound),
     ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    public static Task<IResult> Put(string runnerId, Guid sessionId, StretchSessionRequest request, StretchSessionView current, IDocumentSession session,
        HttpContext http, TimeProvider clock, CancellationToken ct) =>
        CorrectAsync(runnerId, sessionId, request.ToDetails(), current, session, http, clock, ct);

    internal static async Task<IResult> CorrectAsync(string runnerId, Guid sessionId, StretchSessionDetails details, StretchSessionView current,
        IDocumentSession session, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var was = current.Session;
        if (details with { Exercises = was.Exercises } == was && details.Exercises.SequenceEqual(was.Exercises))
            return Written.Ok(http, session, StretchSessionResponse.From(current));

        var now = clock.GetUtcNow();
        var problem = await FollowedRecommendation.MoveAsync(runnerId, sessionId, was.RecommendationId, details.RecommendationId, session, now, ct);
        if (MergePatch.Stops(problem))
            return Results.Problem(problem);

        session.Events.Append(runnerId, new StretchSessionCorrected(runnerId, sessionId, details, was, now));
        return Written.Ok(http, session, StretchSessionResponse.From(current with { Session = details, Corrections = current.Corrections + 1 }));
    }
}

/// <summary>A correction of some fields only: PATCH with a JSON merge patch, judged by the same rules as PUT.</summary>
public static class PatchStretchSessionEndpoint
{
    public static Task<StretchSessionView?> LoadAsync(string runnerId, Guid sessionId, IDocumentSession session, CancellationToken ct) =>
        LogEntries.FindAsync<StretchSessionView>(session, runnerId, sessionId, ct);

    public static ProblemDetails Validate(StretchSessionView? current) => LogEntries.MustStand(current, "stretch session");

    /// <summary>Changes only the fields sent (application/merge-patch+json); exercises, an array, are replaced whole; null removes an optional field.</summary>
    [WolverinePatch("/runners/{runnerId}/stretch-sessions/{sessionId}"), Tags("Stretch sessions"), EndpointSummary("Correct some fields of a stretch session")]
    [ProducesResponseType<StretchSessionResponse>(StatusCodes.Status200OK), ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound),
     ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType)]
    public static async Task<IResult> Patch(string runnerId, Guid sessionId, [NotBody] StretchSessionView current, IDocumentSession session, HttpContext http,
        TimeProvider clock, CancellationToken ct)
    {
        var s = current.Session;
        var (merged, problem) = await MergePatch.ApplyAsync(http, new StretchSessionRequest(s.CompletedAt,
            s.Exercises.Select(e => (ExerciseDoneRequest?)new ExerciseDoneRequest(e.ExerciseId, e.Side, e.HoldBreaths, e.HoldSeconds, e.Sets, e.Reps)).ToList(),
            s.PainBefore, s.PainAfter, s.RecommendationId, s.Notes), ct);
        if (MergePatch.Stops(problem) || MergePatch.Stops(problem = CompleteStretchSessionEndpoint.Validate(merged, clock)))
            return Results.Problem(problem);
        return await CorrectStretchSessionEndpoint.CorrectAsync(runnerId, sessionId, merged!.ToDetails(), current, session, http, clock, ct);
    }
}
