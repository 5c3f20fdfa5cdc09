using HipLog.Domain.Runners;
using HipLog.Domain.Runs;
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

    public static StoreOptions ConfigureHipLog(this StoreOptions opts, string connectionString)
    {
        opts.Connection(connectionString);
        opts.DatabaseSchemaName = SchemaName;
        opts.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
        opts.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);

        // Runner ids come from the identity provider's subject, and recommendation ids are derived
        // deterministically from a runner and an assessment: both are strings.
        opts.Events.StreamIdentity = StreamIdentity.AsString;
        opts.Events.AddEventType<RunnerRegistered>();
        opts.Events.AddEventType<RunnerProfileUpdated>();
        opts.Events.AddEventType<RunLogged>();

        opts.Projections.Add<RunnerProfileProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add<RunViewProjection>(ProjectionLifecycle.Inline);

        opts.Schema.For<RunnerProfile>().Identity(x => x.Id);
        opts.Schema.For<RunView>()
            .Index(x => x.RunnerId)
            .Index(x => x.StartedAt);

        return opts;
    }
}
