using HipLog.Domain.Pain;
using HipLog.Domain.Storage;

namespace HipLog.Domain.Stretching;

public sealed record ExerciseDone(string ExerciseId, BodySide Side, int? HoldBreaths, int? HoldSeconds, int Sets, int Reps);

public sealed record StretchSessionDetails(
    IReadOnlyList<ExerciseDone> Exercises,
    int? PainBefore,
    int? PainAfter,
    string? RecommendationId,
    string? Notes,
    DateTimeOffset CompletedAt);

public interface IStretchSessionEvent : ILogEntryEvent
{
    string ILogEntryEvent.EntryKind => "stretch-session";

    Guid SessionId { get; }
}

public sealed record StretchSessionCompleted(string RunnerId, Guid SessionId, StretchSessionDetails Session) : IStretchSessionEvent;

/// <summary>A correction replaces the whole session.</summary>
/// <param name="Was">
/// The session as it stood before: the effectiveness figures are running sums, and they take its old contribution out
/// from this event alone, so a rebuild gives the same figures without reading another projection's documents.
/// </param>
public sealed record StretchSessionCorrected(string RunnerId, Guid SessionId, StretchSessionDetails Session, StretchSessionDetails Was,
    DateTimeOffset CorrectedAt)
    : IStretchSessionEvent;

/// <param name="Was">The session as it stood, for the same reason as <see cref="StretchSessionCorrected.Was"/>.</param>
public sealed record StretchSessionRetracted(string RunnerId, Guid SessionId, StretchSessionDetails Was, DateTimeOffset RetractedAt)
    : IStretchSessionEvent;

public static class StretchLimits
{
    public const int MaxExercises = 20;
    public const int MaxBreaths = 60;
    public const int MaxSeconds = 600;
    public const int MaxSets = 20;
    public const int MaxReps = 100;
}
