using HipLog.ServiceDefaults;
using HipLog.Worker.DataRights;
using HipLog.Worker.Imports;
using HipLog.Worker.Sharing;
using HipLog.Worker.Jobs;
using HipLog.Worker.Storage;
using HipLog.Worker.Watch;
using HipLog.Worker.Webhooks;
using JasperFx;

namespace HipLog.Worker;

// An explicit entry point: the Api owns the global Program type that top-level statements would also claim.
public sealed class WorkerProgram
{
    public static async Task<int> Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);

        builder.AddHipLogProxies();
        var marten = builder.AddHipLogWorkerStorage();
        builder.AddHipLogJobs();
        builder.AddHipLogHealth();
        builder.AddHipLogTelemetry("hiplog-worker");
        builder.AddHipLogWatch(marten);
        builder.AddHipLogWebhooks();
        builder.AddHipLogImports(marten);
        builder.AddHipLogDataRights(marten);
        builder.AddHipLogSharing(marten);
        builder.AddHipLogQuietOutages();

        var app = builder.Build();

        app.UseHipLogProxies();
        app.MapHipLogHealth();
        app.MapHipLogMetrics();
        app.MapHipLogDashboard();
        app.ScheduleHipLogRecurringJobs();

        return await app.RunHipLogCommands(args);
    }
}
