using HipLog.Domain.DataRights;
using HipLog.Domain.Pain;
using HipLog.Domain.Profiles;
using HipLog.Domain.Watch;
using HipLog.Worker.Jobs;
using Marten;

namespace HipLog.Worker.Watch;

public static class WatchConfiguration
{
    /// <summary>
    /// The pain watch reads every pain report, correction and retraction, and the profile changes and erasure requests
    /// that change what it remembers of a runner; it delivers routines when they fall due, and a sweep catches any
    /// delivery that was missed.
    /// </summary>
    public static WebApplicationBuilder AddHipLogWatch(this WebApplicationBuilder builder,
        MartenServiceCollectionExtensions.MartenConfigurationExpression marten)
    {
        builder.Services.AddSingleton(PainWatchOptions.Default);
        builder.Services.AddSingleton<PainHistory>();
        builder.Services.AddSingleton<PainWatchJudge>();
        builder.Services.AddSingleton<ReportFollowUps>();
        builder.Services.AddSingleton<FaultPoints>();
        builder.Services.AddSingleton<SetAside>();
        builder.Services.AddSingleton<WatchPositions>();
        builder.Services.AddTransient<DeliverRecommendation>();
        builder.Services.AddTransient<DeliverMissedRecommendations>();
        builder.Services.AddHostedService<DueRoutines>();
        builder.Services.AddRecurringJob<DeliverMissedRecommendations>(DeliverMissedRecommendations.RecurringJobId,
            sp => sp.GetRequiredService<JobsSettings>().MissedDeliverySweepCron, j => j.RunAsync());
        marten.AddSubscriptionWithServices<PainWatchSubscription>(ServiceLifetime.Scoped, o =>
        {
            o.Name = PainWatchSubscription.SubscriptionName;
            IncludeWatchedTypes(o);
        });
        RedFlagLane.Register(marten);
        return builder.AddHipLogWatchHealth();
    }

    /// <summary>The events both lanes of the watch read.</summary>
    public static void IncludeWatchedTypes(JasperFx.Events.Subscriptions.ISubscriptionOptions o)
    {
        o.IncludeType<PainReported>();
        o.IncludeType<PainReportCorrected>();
        o.IncludeType<PainReportRetracted>();
        o.IncludeType<RunnerRegistered>();
        o.IncludeType<RunnerProfileUpdated>();
        o.IncludeType<RunnerErasureRequested>();
    }
}
