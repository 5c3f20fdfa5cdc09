using JasperFx.Events.Projections;
using Marten;

namespace HipLog.Domain.Watch;

public static class Configuration
{
    public static StoreOptions ConfigureWatch(this StoreOptions opts)
    {
        opts.Events.AddEventTypes([
            typeof(PainRiseDetected), typeof(RoutineScheduled), typeof(ClinicianReferralAdvised), typeof(RoutineSuggested),
            typeof(RecommendationAcknowledged), typeof(RecommendationDismissed), typeof(RecommendationCompleted),
                typeof(RecommendationSuperseded),
            typeof(RecommendationReopened), typeof(RecommendationWithdrawn), typeof(RecommendationFollowedUp),
        ]);
        opts.Projections.Add<RecommendationViewProjection>(ProjectionLifecycle.Inline);
        // The watch reads a runner's open routines, and the routines of their last weeks: never the whole inbox.
        opts.Schema.For<RecommendationView>().Index(x => x.RunnerId).Index(x => x.DueAt)
            .Index([x => x.RunnerId, x => x.Status]).Index([x => x.RunnerId, x => x.DetectedAt, x => x.Id])
            // A runner's open routines and those of a bout of pain, for the watch, without reading past a busy runner's
            // delivered referrals and superseded routines (thousands, and every one of them a scanned row).
            .Index([x => x.RunnerId, x => x.Kind, x => x.Status]).Index([x => x.RunnerId, x => x.Kind, x => x.DeliveredAt!])
            // What a pain report raised, when the report is retracted or corrected.
            .Index(x => x.ReportId);
        opts.Schema.For<SetAsideEvents>().Identity(x => x.Id);
        return opts;
    }
}
