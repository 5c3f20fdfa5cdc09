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
        var connectionString = ConnectionBudget.Capped(builder.Configuration.RequireHipLogConnectionString(),
            ConnectionBudget.Of(builder.Configuration, ConnectionBudget.WorkerDefault) - ConnectionBudget.JobsShare(jobs.WorkerCount),
            "worker");
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
}
