using Hangfire;
using HipLog.Domain.DataRights;
using HipLog.Worker.Jobs;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;

namespace HipLog.Worker.DataRights;

public static class DataRightsConfiguration
{
    public const string SubscriptionName = "erasure-requests";

    /// <summary>An erasure the Api records starts its job at once; a sweep restarts any whose job was lost.</summary>
    public static WebApplicationBuilder AddHipLogDataRights(this WebApplicationBuilder builder,
        MartenServiceCollectionExtensions.MartenConfigurationExpression marten)
    {
        builder.Services.AddTransient<EraseRunner>();
        builder.Services.AddTransient<ResumeErasures>();
        builder.Services.AddRecurringJob<ResumeErasures>(ResumeErasures.RecurringJobId, "*/5 * * * *", j => j.RunAsync());
        marten.AddSubscriptionWithServices<ErasureRequests>(ServiceLifetime.Scoped, o =>
        {
            o.Name = SubscriptionName;
            o.IncludeType<RunnerErasureRequested>();
        });
        return builder;
    }
}

/// <summary>Starts the erasure job of each erasure a runner asked for.</summary>
public sealed class ErasureRequests(IBackgroundJobClient jobs) : SubscriptionBase
{
    public override Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken cancellationToken)
    {
        foreach (var erasure in page.Events.Select(e => e.Data).OfType<RunnerErasureRequested>())
            jobs.Enqueue<EraseRunner>(j => j.RunAsync(erasure.Key));
        return Task.FromResult(NullChangeListener.Instance);
    }
}
