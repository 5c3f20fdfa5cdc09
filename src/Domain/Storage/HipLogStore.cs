using HipLog.Domain.Pain;
using HipLog.Domain.Runners;
using HipLog.Domain.Runs;
using HipLog.Domain.Stretching;
using HipLog.Domain.Trends;
using HipLog.Domain.Watch;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.Configuration;
using Weasel.Core;

namespace HipLog.Domain.Storage;

/// <summary>
/// The one Marten configuration shared by the Api, the Worker and the tests, so all three agree on
/// the schema, the event types and the projections.
/// </summary>
public static class HipLogStore
{
    public const string SchemaName = "hiplog";
    public const string ConnectionStringName = "hiplog";

    public static string RequireHipLogConnectionString(this IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException(
                "No PostgreSQL connection string: set ConnectionStrings:hiplog (environment variable ConnectionStrings__hiplog).");

    /// <param name="clock">Stamps events with the time they were recorded (the backfill rule reads it); tests pass a fake one.</param>
    public static StoreOptions ConfigureHipLog(this StoreOptions opts, string connectionString, TimeProvider? clock = null)
    {
        if (clock is not null)
            opts.Events.TimeProvider = clock;
        opts.Connection(connectionString);
        opts.DatabaseSchemaName = SchemaName;
        opts.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
        opts.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);

        // Runner ids come from the identity provider's subject, and recommendation ids are derived
        // deterministically from a runner and an assessment: both are strings.
        opts.Events.StreamIdentity = StreamIdentity.AsString;
        opts.Events.AddEventTypes([
            typeof(RunnerRegistered), typeof(RunnerProfileUpdated),
            typeof(RunLogged), typeof(RunCorrected), typeof(RunRetracted),
            typeof(PainReported), typeof(PainReportCorrected), typeof(PainReportRetracted),
            typeof(StretchSessionCompleted),
            typeof(PainRiseDetected), typeof(RoutineScheduled), typeof(ClinicianReferralAdvised), typeof(RoutineSuggested),
            typeof(RecommendationAcknowledged), typeof(RecommendationDismissed), typeof(RecommendationCompleted), typeof(RecommendationSuperseded),
        ]);

        // Inline: a runner reads their own write back in the next request.
        opts.Projections.Add<RunnerProfileProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add<RunViewProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add<PainReportViewProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add<StretchSessionViewProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add<PainTrendProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add<TrainingLoadProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add<StretchEffectivenessProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add<RecommendationViewProjection>(ProjectionLifecycle.Inline);

        opts.Schema.For<RunnerProfile>().Identity(x => x.Id);
        opts.Schema.For<RunView>().Index(x => x.RunnerId).Index(x => x.OccurredAt);
        opts.Schema.For<PainReportView>().Index(x => x.RunnerId).Index(x => x.OccurredAt);
        opts.Schema.For<StretchSessionView>().Index(x => x.RunnerId).Index(x => x.OccurredAt);
        opts.Schema.For<IdempotentResponse>().Index(x => x.RecordedAt);
        opts.Schema.For<RecommendationView>().Index(x => x.RunnerId).Index(x => x.DueAt);
        opts.Schema.For<PainWatchMark>().Identity(x => x.Id);
        opts.Schema.For<WebhookSubscription>().Identity(x => x.Id);
        opts.Schema.For<WebhookDelivery>().Identity(x => x.Id).Index(x => x.RunnerId);

        // Lets the Worker's daemon hear new events at once instead of at its next poll.
        opts.Events.UseListenNotifyForEventAppends = true;

        return opts;
    }
}
