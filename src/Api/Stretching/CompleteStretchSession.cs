using HipLog.Api.Http.Problems;
using HipLog.Api.Http.Writes;
using HipLog.Domain.Pain;
using HipLog.Domain.Runs;
using HipLog.Domain.Stretching;
using HipLog.Domain.Watch;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HipLog.Api.Stretching;

/// <param name="ExerciseId">A catalogue id from GET /stretches, such as lizard-lower-lunge.</param>
/// <param name="HoldBreaths">Breaths held, 1–60; give this or holdSeconds, not both.</param>
/// <param name="HoldSeconds">Seconds held, 1–600.</param>
/// <param name="Sets">1–20; 1 when omitted.</param>
/// <param name="Reps">1–100 per set; 1 when omitted.</param>
public sealed record ExerciseDoneRequest(string? ExerciseId, BodySide? Side, int? HoldBreaths = null, int? HoldSeconds = null, int? Sets = null, int? Reps = null);

/// <param name="PainBefore">Pain just before the session, 0–10, if the runner rated it.</param>
/// <param name="PainAfter">Pain just after the session, 0–10.</param>
/// <param name="RecommendationId">The recommendation this session follows, if any.</param>
public sealed record StretchSessionRequest(
    DateTimeOffset? CompletedAt,
    IReadOnlyList<ExerciseDoneRequest?>? Exercises,
    int? PainBefore = null,
    int? PainAfter = null,
    string? RecommendationId = null,
    string? Notes = null) : ICheckedRequest
{
    FieldErrors ICheckedRequest.CheckFields(IServiceProvider services) => Check(services.GetRequiredService<TimeProvider>().GetUtcNow());

    public FieldErrors Check(DateTimeOffset now)
    {
        var errors = new FieldErrors()
            .Moment("completedAt", CompletedAt, now)
            .Required("exercises", Exercises)
            .When(Exercises is { Count: 0 or > StretchLimits.MaxExercises }, "exercises", $"List 1 to {StretchLimits.MaxExercises} exercises.")
            .When(PainBefore is < PainScale.Min or > PainScale.Max, "painBefore", "Must be a whole number from 0 to 10.")
            .When(PainAfter is < PainScale.Min or > PainScale.Max, "painAfter", "Must be a whole number from 0 to 10.")
            .Text("recommendationId", RecommendationId, 200)
            .Text("notes", Notes, EntryLimits.MaxNotesLength);

        for (var i = 0; i < (Exercises?.Count ?? 0); i++)
        {
            var field = $"exercises[{i}]";
            if (Exercises![i] is not { } done)
            {
                errors.Add(field, "Required.");
                continue;
            }

            errors.Text($"{field}.exerciseId", done.ExerciseId, 100, required: true)
                .Required($"{field}.side", done.Side)
                .When(done.HoldBreaths is not null && done.HoldSeconds is not null, $"{field}.holdSeconds", "Give holdBreaths or holdSeconds, not both.")
                .When(done.HoldBreaths is < 1 or > StretchLimits.MaxBreaths, $"{field}.holdBreaths", $"Must be 1 to {StretchLimits.MaxBreaths}.")
                .When(done.HoldSeconds is < 1 or > StretchLimits.MaxSeconds, $"{field}.holdSeconds", $"Must be 1 to {StretchLimits.MaxSeconds}.")
                .When(done.Sets is < 1 or > StretchLimits.MaxSets, $"{field}.sets", $"Must be 1 to {StretchLimits.MaxSets}.")
                .When(done.Reps is < 1 or > StretchLimits.MaxReps, $"{field}.reps", $"Must be 1 to {StretchLimits.MaxReps}.");
        }

        return errors;
    }

    /// <summary>Well-formed ids that the catalogue does not know: a 422 that names each of them.</summary>
    public FieldErrors CheckCatalogue()
    {
        var errors = new FieldErrors();
        for (var i = 0; i < Exercises!.Count; i++)
            if (StretchCatalogue.Find(Exercises[i]!.ExerciseId) is null)
                errors.Add($"exercises[{i}].exerciseId", $"Unknown exercise '{Exercises[i]!.ExerciseId}': see GET /stretches for the catalogue.");
        return errors;
    }

    public StretchSessionDetails ToDetails() => new(
        Exercises!.Select(e => new ExerciseDone(e!.ExerciseId!, e.Side!.Value, e.HoldBreaths, e.HoldSeconds, e.Sets ?? 1, e.Reps ?? 1)).ToList(),
        PainBefore, PainAfter, RecommendationId, Notes, CompletedAt!.Value);
}

public static class CompleteStretchSessionEndpoint
{
    public static ProblemDetails Validate(StretchSessionRequest? request, TimeProvider clock)
    {
        if (request is null)
            return Problem.MissingBody();
        var shape = request.Check(clock.GetUtcNow());
        return shape.IsEmpty ? request.CheckCatalogue().ToProblem(StatusCodes.Status422UnprocessableEntity) : shape.ToProblem();
    }

    /// <summary>Records a session; one that names an open routine completes it.</summary>
    [WolverinePost("/runners/{runnerId}/stretch-sessions"), Tags("Stretch sessions"), EndpointSummary("Record a completed stretch session")]
    [ProducesResponseType<StretchSessionResponse>(StatusCodes.Status201Created), ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    public static async Task<IResult> Post(string runnerId, StretchSessionRequest request, IDocumentSession session, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var completed = new StretchSessionCompleted(runnerId, Guid.CreateVersion7(), request.ToDetails());
        var problem = await FollowedRecommendation.MoveAsync(runnerId, completed.SessionId, null, request.RecommendationId, session, clock.GetUtcNow(), ct);
        if (MergePatch.Stops(problem))
            return Results.Problem(problem);

        session.Events.Append(runnerId, completed);
        return Written.Created(http, session, $"/runners/{runnerId}/stretch-sessions/{completed.SessionId}",
            StretchSessionResponse.From(new StretchSessionView(completed.SessionId, runnerId, completed.Session)));
    }
}

/// <summary>The recommendation a session follows: the session completes it, and a session that stops following it reopens it.</summary>
public static class FollowedRecommendation
{
    /// <summary>
    /// The session stopped following <paramref name="was"/> (retracted, or corrected to name another) and now follows
    /// <paramref name="now"/>: the first is reopened if this session completed it, the second completed if it is an open
    /// routine. An id that is not one of this runner's recommendations is a 422 and nothing is appended.
    /// </summary>
    public static async Task<ProblemDetails> MoveAsync(string runnerId, Guid sessionId, string? was, string? now, IDocumentSession session,
        DateTimeOffset at, CancellationToken ct)
    {
        if (was == now)
            return WolverineContinue.NoProblems;

        if (now is { } recommendationId)
        {
            var followed = await session.Events.FetchForWriting<RecommendationView>(recommendationId, ct);
            if (followed.Aggregate is not { } recommendation || recommendation.RunnerId != runnerId)
                return new FieldErrors().Add("recommendationId", "No recommendation with this id for this runner.").ToProblem(StatusCodes.Status422UnprocessableEntity);
            if (recommendation is { Kind: RecommendationKind.Routine, Status: RecommendationStatus.Scheduled or RecommendationStatus.Delivered or RecommendationStatus.Acknowledged })
                followed.AppendOne(new RecommendationCompleted(recommendationId, runnerId, sessionId, at));
        }

        if (was is { } previousId)
        {
            var left = await session.Events.FetchForWriting<RecommendationView>(previousId, ct);
            if (left.Aggregate is { Status: RecommendationStatus.Completed } completed && completed.RunnerId == runnerId && completed.CompletedBy == sessionId)
                left.AppendOne(new RecommendationReopened(previousId, runnerId, sessionId, at));
        }

        return WolverineContinue.NoProblems;
    }
}
