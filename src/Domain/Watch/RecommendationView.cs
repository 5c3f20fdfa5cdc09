using HipLog.Domain.Pain;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace HipLog.Domain.Watch;

/// <summary>Why a recommendation was withdrawn, or no longer applies: the runner's inbox shows it beside the recommendation.</summary>
/// <param name="Reason">One of <see cref="FollowUpReasons"/>.</param>
public sealed record FollowUp(string Reason, string Message, DateTimeOffset At);

/// <summary>The runner's inbox entry for one recommendation, with its whole lifecycle.</summary>
/// <param name="ReportId">The pain report whose assessment raised it (absent on documents projected before it was kept).</param>
/// <param name="CompletedBy">The stretch session that completed it.</param>
/// <param name="ReopensAs">The status it had before that session completed it, and returns to if the session no longer does.</param>
public sealed record RecommendationView(
    string Id,
    string RunnerId,
    RecommendationKind Kind,
    RecommendationStatus Status,
    PainLocation Location,
    BodySide Side,
    DateOnly LocalDay,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> Advisories,
    double? WeekDistanceChangePercent,
    double? LoadRatio,
    IReadOnlyList<PrescribedExercise> Exercises,
    string? Message,
    DateOnly? DueDay,
    DateTimeOffset? DueAt,
    DateTimeOffset? DeliveredAt,
    DateTimeOffset DetectedAt,
    DateTimeOffset? ClosedAt,
    string? SupersededBy,
    long Version,
    Guid? ReportId = null,
    FollowUp? FollowUp = null,
    Guid? CompletedBy = null,
    RecommendationStatus? ReopensAs = null,
    long? AssessedSequence = null)
{
    public bool IsOpenRoutine => Kind == RecommendationKind.Routine
        && Status is RecommendationStatus.Scheduled or RecommendationStatus.Delivered;

    /// <summary>
    /// What one event of its stream does to a recommendation; the projection that keeps the inbox applies it, and so does
    /// anything that answers with a recommendation it has just changed. It leaves the version as it was.
    /// </summary>
    public static RecommendationView? After(RecommendationView? snapshot, object data)
    {
        return data switch
        {
            PainRiseDetected d => new RecommendationView(d.RecommendationId, d.RunnerId, RecommendationKind.Routine,
                RecommendationStatus.Scheduled,
                d.Location, d.Side, d.LocalDay, d.Reasons, d.Advisories, d.WeekDistanceChangePercent, d.LoadRatio, [], null, null, null,
                    null,
                d.DetectedAt, null, null, 0, d.ReportId, AssessedSequence: d.AssessedSequence),
            RoutineScheduled s when snapshot is not null => snapshot with { Exercises = s.Exercises, Message = s.Message,
                DueDay = s.DueDay, DueAt = s.DueAt },
            ClinicianReferralAdvised c when snapshot is not null => snapshot with
            {
                Kind = RecommendationKind.ClinicianReferral, Status = RecommendationStatus.Delivered, Message = c.Message,
                    DueAt = c.AdvisedAt, DeliveredAt = c.AdvisedAt,
            },
            RoutineSuggested s when snapshot is not null => snapshot with { Status = RecommendationStatus.Delivered,
                DeliveredAt = s.DeliveredAt },
            RecommendationAcknowledged a when snapshot is not null => snapshot with { Status = RecommendationStatus.Acknowledged },
            RecommendationDismissed d when snapshot is not null => snapshot with { Status = RecommendationStatus.Dismissed,
                ClosedAt = d.DismissedAt },
            RecommendationCompleted c when snapshot is not null => snapshot with
            {
                Status = RecommendationStatus.Completed, ClosedAt = c.CompletedAt, CompletedBy = c.SessionId, ReopensAs = snapshot.Status,
            },
            RecommendationReopened when snapshot is { Status: RecommendationStatus.Completed } => snapshot with
            {
                Status = snapshot.ReopensAs
                    ?? (snapshot.DeliveredAt is null ? RecommendationStatus.Scheduled : RecommendationStatus.Delivered),
                ClosedAt = null, CompletedBy = null, ReopensAs = null,
            },
            RecommendationWithdrawn w when snapshot is not null => snapshot with
            {
                Status = RecommendationStatus.Withdrawn, ClosedAt = w.WithdrawnAt,
                    FollowUp = new FollowUp(w.Reason, w.Message, w.WithdrawnAt),
            },
            RecommendationFollowedUp f when snapshot is not null
                => snapshot with { FollowUp = new FollowUp(f.Reason, f.Message, f.FollowedUpAt) },
            RecommendationSuperseded s when snapshot is not null => snapshot with { Status = RecommendationStatus.Superseded,
                ClosedAt = s.SupersededAt, SupersededBy = s.SupersededBy },
            _ => snapshot,
        };
    }
}

public sealed partial class RecommendationViewProjection : SingleStreamProjection<RecommendationView, string>
{
    public RecommendationViewProjection()
    {
        // Declared, so that a runner's own log never loads or rewrites a recommendation.
        IncludeType<PainRiseDetected>();
        IncludeType<RoutineScheduled>();
        IncludeType<ClinicianReferralAdvised>();
        IncludeType<RoutineSuggested>();
        IncludeType<RecommendationAcknowledged>();
        IncludeType<RecommendationDismissed>();
        IncludeType<RecommendationCompleted>();
        IncludeType<RecommendationSuperseded>();
        IncludeType<RecommendationReopened>();
        IncludeType<RecommendationWithdrawn>();
        IncludeType<RecommendationFollowedUp>();
    }

    public override RecommendationView? Evolve(RecommendationView? snapshot, string id, IEvent e) =>
        RecommendationView.After(snapshot, e.Data) is { } view ? view with { Version = e.Version } : null;
}
