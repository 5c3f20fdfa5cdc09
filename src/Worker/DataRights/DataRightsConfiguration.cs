using Hangfire;
using HipLog.Domain.DataRights;
using HipLog.Worker.Jobs;
using Marten;

namespace HipLog.Worker.DataRights;

public static class DataRightsConfiguration
{
    public const string SubscriptionName = "erasure-requests";

    /// <summary>An erasure the Api records starts its job at once; a sweep restarts any whose job was lost.</summary>
    public static WebApplicationBuilder AddHipLogDataRights(this WebApplicationBuilder builder,
        MartenServiceCollectionExtensions.MartenConfigurationExpression marten)
    {
        builder.Services.AddSingleton(ErasureKeys.From(builder.Configuration, builder.Environment.IsDevelopment()));
        builder.Services.AddHostedService<RekeyErasures>();
        builder.Services.AddTransient<EraseRunner>();
        builder.Services.AddTransient<ResumeErasures>();
        builder.Services.AddRecurringJob<ResumeErasures>(ResumeErasures.RecurringJobId, "*/5 * * * *", j => j.RunAsync());
        marten.AddJobStarter<ErasureRequests, RunnerErasureRequested>(SubscriptionName);
        return builder;
    }
}

/// <summary>Starts the erasure job of each erasure a runner asked for.</summary>
public sealed class ErasureRequests(IBackgroundJobClient jobs) : JobStarter<RunnerErasureRequested>(jobs)
{
    protected override void Start(IBackgroundJobClient jobs, RunnerErasureRequested requested)
        => jobs.Enqueue<EraseRunner>(j => j.RunAsync(requested.Key));
}
