using HipLog.Domain.Storage;
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
        var connectionString = builder.Configuration.RequireHipLogConnectionString();
        builder.Services.CritterStackDefaults(o => o.ApplicationAssembly = typeof(StorageConfiguration).Assembly);
        builder.Services.AddSingleton(TimeProvider.System);
        return builder.Services.AddMarten(sp => new StoreOptions().ConfigureHipLog(connectionString, sp.GetRequiredService<TimeProvider>()))
            .UseLightweightSessions()
            .ApplyAllDatabaseChangesOnStartup()
            .AddAsyncDaemon(DaemonMode.HotCold);
    }
}
