using HipLog.Domain.Watch;
using HipLog.ServiceDefaults;
using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HipLog.Worker.Watch;

/// <summary>"Health" section: when the Worker's /health/ready says Degraded.</summary>
public sealed class HealthSettings
{
    public const string Section = "Health";

    /// <summary>The pain watch is behind when the oldest event it has not judged is older than this.</summary>
    public double WatchLagSeconds { get; set; } = 30;

    /// <summary>Deliveries are late when a due routine is still undelivered this long after its due time.</summary>
    public double DeliveryLateSeconds { get; set; } = 300;

    /// <summary>How often the Worker samples the watch's progress for the hiplog.watch.* gauges.</summary>
    public double SampleSeconds { get; set; } = 5;
}

/// <summary>
/// Where the pain watch stands, read from the database rather than from this process: with several Workers only one runs
/// the watch, and each of them must tell the same truth about it.
/// </summary>
public sealed class WatchProgressReader(IDocumentStore store, TimeProvider clock)
{
    public async Task<WatchProgress> ReadAsync(CancellationToken ct)
    {
        var shards = await store.Advanced.AllProjectionProgress(token: ct);
        var position = shards.FirstOrDefault(s
            => s.ShardName.StartsWith(PainWatchSubscription.SubscriptionName + ":", StringComparison.Ordinal))?.Sequence ?? 0;
        // The event sequence itself, not the daemon's high-water mark: a stalled daemon must not hide its own backlog.
        var newest = (await store.Advanced.FetchEventStoreStatistics(token: ct)).EventSequenceNumber;
        if (newest <= position)
            return new WatchProgress(position, newest, 0);

        await using var session = store.QuerySession();
        var oldestWaiting = await session.Events.QueryAllRawEvents().Where(e => e.Sequence > position)
            .OrderBy(e => e.Sequence).Select(e => e.Timestamp).FirstOrDefaultAsync(ct);
        var lag = oldestWaiting == default ? 0 : Math.Max(0, (clock.GetUtcNow() - oldestWaiting).TotalSeconds);
        return new WatchProgress(position, newest, lag);
    }
}

/// <summary>Keeps the hiplog.watch.lag and hiplog.watch.events_behind gauges current.</summary>
public sealed class WatchSampler(WatchProgressReader reader, HealthSettings settings, ILogger<WatchSampler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.SampleSeconds));
        do
        {
            try
            {
                HipLogMetrics.WatchSampled(await reader.ReadAsync(stoppingToken));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // PostgreSQL away: /health/ready says so; the gauges keep their last value.
                logger.LogDebug("Could not sample the pain watch's progress: {Reason}", e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

/// <summary>Degraded, with the reason, when the pain watch lags or a due routine has not gone out.</summary>
public sealed class WorkerHealthCheck(WatchProgressReader reader, IDocumentStore store, TimeProvider clock, HealthSettings settings)
    : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            return await AssessAsync(ct);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
        {
            // The postgres check says Unhealthy; this one names the failure, never the connection.
            return HealthCheckResult.Degraded("Could not read the watch's progress: " + e.GetType().Name);
        }
    }

    private async Task<HealthCheckResult> AssessAsync(CancellationToken ct)
    {
        var reasons = new List<string>();
        var progress = await reader.ReadAsync(ct);
        HipLogMetrics.WatchSampled(progress);
        if (progress.LagSeconds > settings.WatchLagSeconds)
            reasons.Add($"the pain watch is {progress.LagSeconds:0} s behind ({progress.EventsBehind} events not judged)");

        var cutoff = clock.GetUtcNow().AddSeconds(-settings.DeliveryLateSeconds);
        await using (var session = store.QuerySession())
        {
            // By the index on DueAt: only the routines overdue past the threshold are read.
            var late = session.Query<RecommendationView>()
                .Where(r => r.Status == RecommendationStatus.Scheduled && r.Kind == RecommendationKind.Routine && r.DueAt < cutoff);
            var count = await late.CountAsync(ct);
            if (count > 0 && (await late.OrderBy(r => r.DueAt).FirstAsync(ct)).DueAt is { } oldest)
                reasons.Add($"{count} due routine(s) not delivered, the oldest {(clock.GetUtcNow() - oldest).TotalMinutes:0} min late");
            var aside = await session.Query<SetAsideEvents>().CountAsync(ct);
            if (aside > 0)
                reasons.Add($"the pain watch set aside the events of {aside} runner(s) it could not judge; it tries them again later");
        }

        return reasons.Count == 0
            ? HealthCheckResult.Healthy("The pain watch is current and deliveries are on time")
            : HealthCheckResult.Degraded(string.Join("; ", reasons));
    }
}

public static class WatchHealthConfiguration
{
    public static WebApplicationBuilder AddHipLogWatchHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(builder.Configuration.GetSection(HealthSettings.Section).Get<HealthSettings>()
            ?? new HealthSettings());
        builder.Services.AddSingleton<WatchProgressReader>();
        builder.Services.AddHostedService<WatchSampler>();
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration("watch",
            sp => ActivatorUtilities.CreateInstance<WorkerHealthCheck>(sp), HealthStatus.Degraded, [HealthConfiguration.ReadyTag],
                TimeSpan.FromSeconds(5)));
        return builder;
    }
}
