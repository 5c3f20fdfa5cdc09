using HipLog.Domain.Storage;
using HipLog.Worker.Jobs;
using JasperFx;
using JasperFx.Events.Daemon;
using Marten;

namespace HipLog.Worker.Storage;

public static class StorageConfiguration
{
    /// <summary>
    /// The Api's Marten configuration plus the async daemon. HotCold lets several Workers share one database: one of
    /// them holds the lock and runs the async projections and subscriptions. Each feature adds its subscriptions to
    /// the expression this answers.
    /// </summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddHipLogWorkerStorage(this WebApplicationBuilder builder)
    {
        // What the Worker's budget leaves once Hangfire has its share (ConnectionBudget).
        var jobs = builder.Configuration.GetSection(JobsSettings.Section).Get<JobsSettings>() ?? new JobsSettings();
        var connectionString = WithoutBitmapScans(ConnectionBudget.Capped(builder.Configuration.RequireHipLogConnectionString(),
            ConnectionBudget.Of(builder.Configuration, ConnectionBudget.WorkerDefault) - ConnectionBudget.JobsShare(jobs.WorkerCount),
            "worker"));
        builder.Services.CritterStackDefaults(o => o.ApplicationAssembly = typeof(StorageConfiguration).Assembly);
        builder.Services.AddSingleton(TimeProvider.System);
        var marten = builder.Services
            .AddMarten(sp => new StoreOptions().ConfigureHipLog(connectionString, sp.GetRequiredService<TimeProvider>()))
            .UseLightweightSessions()
            .ApplyAllDatabaseChangesOnStartup()
            .AddAsyncDaemon(DaemonMode.HotCold);
        // After Marten's own start-up work, which makes the tables it alters.
        builder.Services.AddHostedService<VacuumUpkeep>();
        return marten;
    }

    /// <summary>
    /// The Worker's queries are by key or by a runner's index range, and its busiest (a page's open routines) runs where
    /// replaced routines leave dead index entries until a vacuum. A plain index scan marks each dead entry it meets so
    /// the next one skips it; a bitmap scan, which PostgreSQL picks for a page's runners, visits them all again every
    /// time (measured: 33 ms against 2–5 ms for the same look). Hangfire keeps its own connection string.
    /// </summary>
    private static string WithoutBitmapScans(string connectionString) =>
        new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Options = "-c enable_bitmapscan=off" }.ConnectionString;
}
