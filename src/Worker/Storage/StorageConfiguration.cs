using HipLog.Domain.Erasure;
using HipLog.Domain.Pain;
using HipLog.Domain.Runners;
using HipLog.Domain.Runs.Import;
using HipLog.Domain.Storage;
using HipLog.Domain.Watch;
using HipLog.Worker.Watch;
using JasperFx.Events.Daemon;
using JasperFx;
using Marten;

namespace HipLog.Worker.Storage;

public static class StorageConfiguration
{
    /// <summary>
    /// The Api's Marten configuration plus the async daemon. HotCold lets several Workers share one
    /// database: one of them holds the lock and runs the async projections and subscriptions.
    /// </summary>
    public static WebApplicationBuilder AddHipLogWorkerStorage(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.RequireHipLogConnectionString();
        builder.Services.CritterStackDefaults(o => o.ApplicationAssembly = typeof(StorageConfiguration).Assembly);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(PainWatchOptions.Default);
        builder.Services.AddSingleton<PainHistory>();
        builder.Services.AddSingleton<PainWatchJudge>();
        builder.Services.AddMarten(sp => new StoreOptions().ConfigureHipLog(connectionString, sp.GetRequiredService<TimeProvider>()))
            .UseLightweightSessions()
            .AddSubscriptionWithServices<PainWatchSubscription>(ServiceLifetime.Scoped, o =>
            {
                o.Name = PainWatchSubscription.SubscriptionName;
                o.IncludeType<PainReported>();
                o.IncludeType<PainReportCorrected>();
                o.IncludeType<PainReportRetracted>();
                o.IncludeType<RunnerRegistered>();
                o.IncludeType<RunnerProfileUpdated>();
                o.IncludeType<RunnerErasureRequested>();
                o.IncludeType<RunImportRequested>();
            })
            .ApplyAllDatabaseChangesOnStartup()
            .AddAsyncDaemon(DaemonMode.HotCold);
        return builder;
    }
}
