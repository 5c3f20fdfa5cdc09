using HipLog.Domain.CalendarFeeds;
using HipLog.Domain.DataRights;
using HipLog.Domain.Imports;
using HipLog.Domain.Pain;
using HipLog.Domain.Profiles;
using HipLog.Domain.Runs;
using HipLog.Domain.Sharing;
using HipLog.Domain.Stretching;
using HipLog.Domain.Trends;
using HipLog.Domain.Watch;
using HipLog.Domain.Webhooks;
using JasperFx;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Configuration;
using Weasel.Core;

namespace HipLog.Domain.Storage;

/// <summary>
/// The one Marten configuration shared by the Api, the Worker and the tests, so all three agree on the schema.
/// It sets what is common; each feature registers its own events, projections and documents.
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
    public static StoreOptions ConfigureHipLog(this StoreOptions opts, string connectionString, TimeProvider? clock = null) =>
        opts.ConfigureHipLogStore(connectionString, clock)
            .ConfigureProfiles()
            .ConfigureRuns()
            .ConfigureImports()
            .ConfigurePain()
            .ConfigureStretching()
            .ConfigureTrends()
            .ConfigureWatch()
            .ConfigureWebhooks()
            .ConfigureDataRights()
            .ConfigureCalendarFeeds()
            .ConfigureSharing();

    private static StoreOptions ConfigureHipLogStore(this StoreOptions opts, string connectionString, TimeProvider? clock)
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
        // Lets the Worker's daemon hear new events at once instead of at its next poll.
        opts.Events.UseListenNotifyForEventAppends = true;

        opts.Schema.For<IdempotentResponse>().Index(x => x.RecordedAt);
        // A rebuild writes its documents with COPY instead of one insert at a time (the tables are emptied first).
        opts.Projections.RebuildWithBulkCopy = true;
        // Spans for each connection's use and a counter of appended events, on Marten's "Marten" source and meter.
        opts.OpenTelemetry.TrackConnections = JasperFx.OpenTelemetry.TrackLevel.Normal;
        opts.OpenTelemetry.TrackEventCounters();
        return opts;
    }
}
