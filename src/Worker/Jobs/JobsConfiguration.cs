using Hangfire;
using Hangfire.PostgreSql;
using HipLog.Domain.Storage;
using HipLog.ServiceDefaults;

namespace HipLog.Worker.Jobs;

public static class JobsConfiguration
{
    public const string SchemaName = "hangfire";

    public static WebApplicationBuilder AddHipLogJobs(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(JobsSettings.Section).Get<JobsSettings>() ?? new JobsSettings();
        var connectionString = ConnectionBudget.Capped(builder.Configuration.RequireHipLogConnectionString(),
            ConnectionBudget.JobsShare(settings.WorkerCount), "jobs");
        var poll = TimeSpan.FromSeconds(settings.PollIntervalSeconds);
        builder.Services.AddSingleton(settings);
        builder.Services.AddTransient<ExpireIdempotencyKeys>();
        builder.Services.AddRecurringJob<ExpireIdempotencyKeys>(ExpireIdempotencyKeys.RecurringJobId, Cron.Hourly(), j => j.RunAsync());

        // Hangfire's dashboard checks its commands' antiforgery token whenever ASP.NET Core's antiforgery is registered.
        builder.Services.AddAntiforgery();
        builder.Services.AddHangfire((services, c) => c
            .UseLogProvider(new JobLogs(services.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseTypeResolver(MovedJobTypes.Resolve)
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(p => p.UseNpgsqlConnection(connectionString), new PostgreSqlStorageOptions
            {
                SchemaName = SchemaName,
                PrepareSchemaIfNecessary = true,
                QueuePollInterval = poll,
                // LISTEN/NOTIFY wakes a server as soon as a job is enqueued instead of at the next poll.
                EnableLongPolling = true,
                // A job fetched by a Worker that then died is handed to another after this long; the fetch is kept
                // fresh while a job runs, so a short timeout does not hand out jobs that are still running.
                InvisibilityTimeout = TimeSpan.FromSeconds(30),
                UseSlidingInvisibilityTimeout = true,
                // A lock left by a Worker that was killed (the delayed-job poller's, the recurring-job scheduler's) is
                // taken over after this long instead of ten minutes. HipLog holds these locks for milliseconds only.
                DistributedLockTimeout = TimeSpan.FromSeconds(20),
            }));
        builder.Services.AddHangfireServer(o =>
        {
            o.WorkerCount = settings.WorkerCount;
            o.SchedulePollingInterval = poll;
            o.ServerName = $"hiplog-worker:{Environment.MachineName}:{Environment.ProcessId}";
        });
        return builder;
    }

    public static WebApplication MapHipLogDashboard(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<JobsSettings>();
        var access = app.Services.GetRequiredService<OperatorAccess>();
        // Judged before Hangfire sees the request, so that a refusal can be a 429 after failed logins.
        app.UseWhen(http => http.Request.Path.StartsWithSegments(settings.Dashboard.Path),
            branch => branch.Use((http, next) => access.Admit(http, "HipLog jobs") ? next(http) : Task.CompletedTask));
        app.UseHangfireDashboard(settings.Dashboard.Path, new DashboardOptions
        {
            DashboardTitle = "HipLog jobs",
            Authorization = [new DashboardAccess()],
            // Without credentials (loopback only) the dashboard shows but changes nothing; its commands also need the
            // antiforgery token Hangfire takes from ASP.NET Core (AddAntiforgery), so a cross-site form cannot trigger one.
            IsReadOnlyFunc = _ => !access.HasCredentials,
        });
        return app;
    }
}
