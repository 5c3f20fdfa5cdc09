using HipLog.ServiceDefaults;
using HipLog.Worker.Jobs;

namespace HipLog.Worker.Watch;

/// <summary>
/// Delivers routines when they fall due: every Worker looks once a poll interval (Jobs:PollIntervalSeconds, 1 s) for
/// scheduled routines whose time has come, by the index on the due time. The watch then stores a routine and schedules
/// nothing: a decision costs no Hangfire job, and a Worker that starts delivers what fell due while none ran within a
/// second. Two Workers that find the same routine deliver it once: the delivery appends against the version it read.
/// </summary>
public sealed class DueRoutines(IServiceScopeFactory scopes, JobsSettings settings, ILogger<DueRoutines> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(0.1, settings.PollIntervalSeconds)));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<DeliverRecommendation>().DeliverDueAsync(_ => true);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // An outage is logged quietly by the logging rule for it; anything else is worth its trace.
                if (Outages.IsUnreachable(e))
                    logger.LogWarning(e, "Due routines: PostgreSQL is unreachable; looking again in a moment");
                else
                    logger.LogError(e, "Due routines: a look for due routines failed; looking again in a moment");
            }
        }
    }
}
