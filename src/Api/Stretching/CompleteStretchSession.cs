using HipLog.Api.Hosting;
using HipLog.Api.Http.Problems;
using HipLog.Api.Http.Writes;
using HipLog.Domain.Pain;
using HipLog.Domain.Runs;
using HipLog.Domain.Stretching;
using HipLog.Domain.Watch;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace HipLog.Api.Stretching;

/// <param name="ExerciseId">A catalogue id from GET /stretches, such as lizard-lower-lunge.</param>
/// <param name="HoldBreaths">Breaths held, 1–60; give this or holdSeconds, not both.</param>
/// <param name="HoldSeconds">Seconds held, 1–600.</param>
/// <param name="Sets">1–20; 1 when omitted.</param>
/// <param name="Reps">1–100 per set; 1 when omitted.</param>
public sealed record ExerciseDoneRequest(string? ExerciseId, BodySide? Side, int? HoldBreaths = null, int? HoldSeconds = null,
    int? Sets = null, int? Reps = null);

/// <param name="PainBefore">Pain just before the session, 0–10, if the runner rated it.</param>
/// <param name="PainAfter">Pain just after the session, 0–10.</param>
/// <param name="RecommendationId">The recommendation this session follows, if any.</param>
[OpenApiExample("""
    { "completedAt": "2026-11-25T19:00:00+01:00",
      "exercises": [ { "exerciseId": "lizard-lower-lunge", "side": "both", "holdBreaths": 8, "sets": 1, "reps": 1 },
                     { "exerciseId": "single-leg-knee-lift", "side": "both", "holdSeconds": 10, "sets": 3, "reps": 10 } ],
      "painBefore": 4, "painAfter": 2, "recommendationId": null, "notes": null }
    """)]
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
            .When(Exercises is { Count: 0 or > StretchLimits.MaxExercises }, "exercises",
                $"List 1 to {StretchLimits.MaxExercises} exercises.")
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
                .When(done.HoldBreaths is not null && done.HoldSeconds is not null, $"{field}.holdSeconds",
                    "Give holdBreaths or holdSeconds, not both.")
                .When(done.HoldBreaths is < 1 or > StretchLimits.MaxBreaths, $"{field}.holdBreaths",
                    $"Must be 1 to {StretchLimits.MaxBreaths}.")
                .When(done.HoldSeconds is < 1 or > StretchLimits.MaxSeconds, $"{field}.holdSeconds",
                    $"Must be 1 to {StretchLimits.MaxSeconds}.")
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
                errors.Add($"exercises[{i}].exerciseId",
                    $"Unknown exercise '{Exercises[i]!.ExerciseId}': see GET /stretches for the catalogue.");
        return errors;
    }

    public static StretchSessionRequest From(StretchSessionDetails s) => new(s.CompletedAt,
        s.Exercises.Select(e => (ExerciseDoneRequest?)new ExerciseDoneRequest(e.ExerciseId, e.Side, e.HoldBreaths, e.HoldSeconds, e.Sets,
            e.Reps)).ToList(),
        s.PainBefore, s.PainAfter, s.RecommendationId, s.Notes);

    public StretchSessionDetails ToDetails() => new(
        Exercises!.Select(e => new ExerciseDone(e!.ExerciseId!, e.Side!.Value, e.HoldBreaths, e.HoldSeconds, e.Sets ?? 1, e.Reps ?? 1))
            .ToList(),
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

    public static async Task<FollowedRoutines> LoadAsync(StretchSessionRequest request, IDocumentSession session, CancellationToken ct) =>
        new(await FollowedRoutines.LoadAsync(request.RecommendationId, session, ct), null);

    public static ProblemDetails Validate(string runnerId, StretchSessionRequest request, FollowedRoutines followed) =>
        followed.MustBeOwn(runnerId, request.RecommendationId);

    /// <summary>Records a session; one that names an open routine completes it.</summary>
    [WolverinePost("/runners/{runnerId}/stretch-sessions"), Tags("Stretch sessions"), EndpointSummary("Record a completed stretch session")]
    [ProducesResponseType<StretchSessionResponse>(StatusCodes.Status201Created),
        ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    public static (Written<StretchSessionResponse>, IEnumerable<IMartenOp>) Post(string runnerId, StretchSessionRequest request,
        [NotBody] FollowedRoutines followed, TimeProvider clock)
    {
        var completed = StretchLog.Complete(runnerId, Guid.CreateVersion7(), request.ToDetails());
        var view = StretchSessionView.Of(completed);
        return (Written.Created(StretchSessionResponse.PathOf(completed), StretchSessionResponse.From(view)),
            [MartenOps.Append(runnerId, completed), .. followed.Follow(runnerId, completed.SessionId, clock.GetUtcNow())]);
    }
}

/// <summary>The recommendations a session names (now) and named before (a correction or retraction), as they stand.</summary>
public sealed record FollowedRoutines(RecommendationView? Named, RecommendationView? Left)
{
    public static async Task<RecommendationView?> LoadAsync(string? recommendationId, IQuerySession session, CancellationToken ct) =>
        recommendationId is null ? null : await session.LoadAsync<RecommendationView>(recommendationId, ct);

    /// <summary>A session can only follow one of this runner's recommendations: a 422 otherwise, and nothing is stored.</summary>
    public ProblemDetails MustBeOwn(string runnerId, string? recommendationId) =>
        recommendationId is not null && Named?.RunnerId != runnerId
            ? new FieldErrors().Add("recommendationId", "No recommendation with this id for this runner.")
                .ToProblem(StatusCodes.Status422UnprocessableEntity)
            : WolverineContinue.NoProblems;

    /// <summary>What following them changes, each appended at the version it was read at.</summary>
    public IEnumerable<IMartenOp> Follow(string runnerId, Guid sessionId, DateTimeOffset at) =>
        Inbox.Follow(sessionId, Named?.RunnerId == runnerId ? Named : null, Left?.RunnerId == runnerId ? Left : null, at)
            .Select(IMartenOp (c) => MartenOps.Append(c.Recommendation.Id, c.Recommendation.Version + 1, c.Event));
}
