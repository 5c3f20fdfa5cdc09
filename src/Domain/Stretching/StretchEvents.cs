using HipLog.Domain.Pain;

namespace HipLog.Domain.Stretching;

public sealed record ExerciseDone(string ExerciseId, BodySide Side, int? HoldBreaths, int? HoldSeconds, int Sets, int Reps);

public sealed record StretchSessionDetails(
    IReadOnlyList<ExerciseDone> Exercises,
    int? PainBefore,
    int? PainAfter,
    string? RecommendationId,
    string? Notes,
    DateTimeOffset CompletedAt);

public sealed record StretchSessionCompleted(string RunnerId, Guid SessionId, StretchSessionDetails Session);

public static class StretchLimits
{
    public const int MaxExercises = 20;
    public const int MaxBreaths = 60;
    public const int MaxSeconds = 600;
    public const int MaxSets = 20;
    public const int MaxReps = 100;
}
