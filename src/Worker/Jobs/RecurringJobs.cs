using Hangfire;

namespace HipLog.Worker.Jobs;

/// <summary>A recurring job a feature declares; the Worker schedules every declared one at start.</summary>
public sealed record RecurringJob(string Id, Action<IRecurringJobManager, IServiceProvider> Schedule);

public static class RecurringJobs
{
    /// <summary>Declares a recurring job of a feature, by its id and cron expression.</summary>
    public static IServiceCollection AddRecurringJob<TJob>(this IServiceCollection services, string id, Func<IServiceProvider, string> cron,
        System.Linq.Expressions.Expression<Func<TJob, Task>> call) =>
        services.AddSingleton(new RecurringJob(id, (manager, sp) => manager.AddOrUpdate(id, call, cron(sp))));

    public static IServiceCollection AddRecurringJob<TJob>(this IServiceCollection services, string id, string cron,
        System.Linq.Expressions.Expression<Func<TJob, Task>> call) =>
        services.AddRecurringJob(id, _ => cron, call);

    /// <summary>Recurring jobs are declared at every start; Hangfire keeps one schedule per id however many Workers declare it.</summary>
    public static WebApplication ScheduleHipLogRecurringJobs(this WebApplication app)
    {
        var manager = app.Services.GetRequiredService<IRecurringJobManager>();
        foreach (var job in app.Services.GetServices<RecurringJob>())
            job.Schedule(manager, app.Services);
        return app;
    }
}
