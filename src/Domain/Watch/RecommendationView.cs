using HipLog.Domain.Pain;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace HipLog.Domain.Watch;

/// <summary>The runner's inbox entry for one recommendation, with its whole lifecycle.</summary>
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
    long Version)
{
    public bool IsOpenRoutine => Kind == RecommendationKind.Routine && Status is RecommendationStatus.Scheduled or RecommendationStatus.Delivered;
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
    }

    public override RecommendationView? Evolve(RecommendationView? snapshot, string id, IEvent e)
    {
        var view = e.Data switch
        {
            PainRiseDetected d => new RecommendationView(d.RecommendationId, d.RunnerId, RecommendationKind.Routine, RecommendationStatus.Scheduled,
                d.Location, d.Side, d.LocalDay, d.Reasons, d.Advisories, d.WeekDistanceChangePercent, d.LoadRatio, [], null, null, null, null,
                d.DetectedAt, null, null, 0),
            RoutineScheduled s when snapshot is not null => snapshot with { Exercises = s.Exercises, Message = s.Message, DueDay = s.DueDay, DueAt = s.DueAt },
            ClinicianReferralAdvised c when snapshot is not null => snapshot with
            {
                Kind = RecommendationKind.ClinicianReferral, Status = RecommendationStatus.Delivered, Message = c.Message, DueAt = c.AdvisedAt, DeliveredAt = c.AdvisedAt,
            },
            RoutineSuggested s when snapshot is not null => snapshot with { Status = RecommendationStatus.Delivered, DeliveredAt = s.DeliveredAt },
            RecommendationAcknowledged a when snapshot is not null => snapshot with { Status = RecommendationStatus.Acknowledged },
            RecommendationDismissed d when snapshot is not null => snapshot with { Status = RecommendationStatus.Dismissed, ClosedAt = d.DismissedAt },
            RecommendationCompleted c when snapshot is not null => snapshot with { Status = RecommendationStatus.Completed, ClosedAt = c.CompletedAt },
            RecommendationSuperseded s when snapshot is not null => snapshot with { Status = RecommendationStatus.Superseded, ClosedAt = s.SupersededAt, SupersededBy = s.SupersededBy },
            _ => snapshot,
        };
        return view is null ? null : view with { Version = e.Version };
    }
}
