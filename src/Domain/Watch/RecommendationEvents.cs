using HipLog.Domain.Pain;

namespace HipLog.Domain.Watch;

public enum RecommendationKind { Routine, ClinicianReferral }

public enum RecommendationStatus { Scheduled, Delivered, Acknowledged, Completed, Dismissed, Superseded, Withdrawn }

/// <summary>One exercise of a routine, with the dose the catalogue gives it.</summary>
/// <param name="DurationSeconds">Time spent at an exercise that is not held (the foam roll-out), per side; routines stored before it
/// existed lack it.</param>
public sealed record PrescribedExercise(string ExerciseId, string Name, int? HoldBreaths, int? HoldSeconds, string Sides, int Sets,
    int Reps, string Why, int? DurationSeconds = null)
{
    /// <summary>Says how long, as the catalogue does today, if the routine was stored without it.</summary>
    public PrescribedExercise WithHowLong() =>
        HoldBreaths is null && HoldSeconds is null && DurationSeconds is null && Stretching.StretchCatalogue.Find(ExerciseId) is { } known
            ? this with { HoldBreaths = known.Dose.HoldBreathsMin, HoldSeconds = known.Dose.HoldSeconds,
                DurationSeconds = known.Dose.DurationSeconds }
            : this;
}

public interface IRecommendationEvent
{
    string RecommendationId { get; }
}

/// <summary>Starts a recommendation stream: what the pain watch saw, and why.</summary>
/// <param name="Reasons">flare, not-settling, rising-week, streak, and red-flag:… for clinician advice.</param>
/// <param name="Advisories">ease-mileage when the acute:chronic ratio is high.</param>
/// <param name="AssessedSequence">Where in the log the assessed report stands, so that the main watch, judging an earlier
/// report after the red-flag lane advised on a later one, keeps the runner's order (none before the lane existed).</param>
public sealed record PainRiseDetected(
    string RecommendationId,
    string RunnerId,
    Guid ReportId,
    PainLocation Location,
    BodySide Side,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> Advisories,
    double? WeekDistanceChangePercent,
    double? LoadRatio,
    DateOnly LocalDay,
    DateTimeOffset DetectedAt,
    long? AssessedSequence = null) : IRecommendationEvent;

public sealed record RoutineScheduled(string RecommendationId, string RunnerId, IReadOnlyList<PrescribedExercise> Exercises,
    string Message, DateOnly DueDay, DateTimeOffset DueAt) : IRecommendationEvent;

public sealed record ClinicianReferralAdvised(string RecommendationId, string RunnerId, string Message, DateTimeOffset AdvisedAt)
    : IRecommendationEvent;

/// <summary>The routine reached the runner (in the app, and by webhook if they set one).</summary>
public sealed record RoutineSuggested(string RecommendationId, string RunnerId, DateTimeOffset DeliveredAt) : IRecommendationEvent;

public sealed record RecommendationAcknowledged(string RecommendationId, string RunnerId, DateTimeOffset AcknowledgedAt)
    : IRecommendationEvent;

public sealed record RecommendationDismissed(string RecommendationId, string RunnerId, DateTimeOffset DismissedAt) : IRecommendationEvent;

public sealed record RecommendationCompleted(string RecommendationId, string RunnerId, Guid SessionId, DateTimeOffset CompletedAt)
    : IRecommendationEvent;

/// <summary>The session that completed it was retracted, or corrected to follow another recommendation: it is open again.</summary>
public sealed record RecommendationReopened(string RecommendationId, string RunnerId, Guid SessionId, DateTimeOffset ReopenedAt)
    : IRecommendationEvent;

/// <summary>
/// The report that raised it was retracted, or corrected so that it no longer raises it, before it reached the runner:
/// it is never delivered.
/// </summary>
/// <param name="Reason">One of <see cref="FollowUpReasons"/>.</param>
public sealed record RecommendationWithdrawn(string RecommendationId, string RunnerId, Guid ReportId, string Reason, string Message,
    DateTimeOffset WithdrawnAt)
    : IRecommendationEvent;

/// <summary>
/// The report that raised it was retracted or corrected after it reached the runner: it stays in their history, and
/// their inbox and webhook say why it no longer applies.
/// </summary>
/// <param name="Reason">One of <see cref="FollowUpReasons"/>.</param>
public sealed record RecommendationFollowedUp(string RecommendationId, string RunnerId, Guid ReportId, string Reason, string Message,
    DateTimeOffset FollowedUpAt)
    : IRecommendationEvent;

public sealed record RecommendationSuperseded(string RecommendationId, string RunnerId, string SupersededBy, DateTimeOffset SupersededAt)
    : IRecommendationEvent;

/// <summary>Why a recommendation was withdrawn or followed up.</summary>
public static class FollowUpReasons
{
    /// <summary>The runner retracted the report behind it.</summary>
    public const string ReportRetracted = "report-retracted";

    /// <summary>The runner corrected the report behind it, and as it reads now it fires none of the pain-rise rules.</summary>
    public const string ReportCorrected = "report-corrected";

    /// <summary>The runner corrected the report behind a clinician advisory, and as it reads now it has no red flag.</summary>
    public const string RedFlagCleared = "red-flag-cleared";
}

public static class RecommendationIds
{
    /// <summary>
    /// Derived from the event that was assessed, so a replayed subscription arrives at the same id. The '~' is outside the
    /// runner-id alphabet, so a recommendation's stream can never be a runner's (round 1's "rec-" ids are refused as
    /// runner ids, see <see cref="Runners.RunnerId"/>).
    /// </summary>
    public static string For(Guid assessedEventId) => $"rec~{assessedEventId:N}";
}
