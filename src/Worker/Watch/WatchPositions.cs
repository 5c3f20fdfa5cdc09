using JasperFx.Events.Projections;
using JasperFx.Events.Daemon;
using Marten;

namespace HipLog.Worker.Watch;

/// <summary>Where the two lanes of the watch stand in the log, read from Marten's progress table.</summary>
public sealed class WatchPositions(ILogger<WatchPositions> logger)
{
    /// <summary>How long the main watch waits for the lane before it goes on alone.</summary>
    public static readonly TimeSpan LanePatience = TimeSpan.FromSeconds(5);

    private long? stalledAt;

    public static async Task<(long Main, long Lane)> ReadAsync(IDocumentStore store, CancellationToken ct = default)
    {
        var progress = await store.Advanced.AllProjectionProgress(token: ct);
        return (Of(progress, PainWatchSubscription.SubscriptionName), Of(progress, RedFlagLane.SubscriptionName));
    }

    /// <summary>The position both lanes have passed: nothing before it is left for either to decide.</summary>
    public static async Task<long> SlowestAsync(IDocumentStore store, CancellationToken ct = default)
    {
        var (main, lane) = await ReadAsync(store, ct);
        return Math.Min(main, lane);
    }

    /// <summary>
    /// Before the main watch judges a page: the lane has passed it, so a retraction or correction the main watch follows
    /// up finds any advice the lane gave on the report. A lane that does not move within <see cref="LanePatience"/> is
    /// not waited for again until it moves.
    /// </summary>
    public async Task LaneReachedAsync(IDocumentStore store, long sequence, CancellationToken ct)
    {
        var giveUp = Environment.TickCount64 + (long)LanePatience.TotalMilliseconds;
        for (var lane = (await ReadAsync(store, ct)).Lane; lane < sequence; lane = (await ReadAsync(store, ct)).Lane)
        {
            if (stalledAt == lane)
                return;
            if (Environment.TickCount64 > giveUp)
            {
                stalledAt = lane;
                logger.LogWarning("Pain watch: the red-flag lane has stood at event {Lane} for {Seconds} s; going on without it",
                    lane, LanePatience.TotalSeconds);
                return;
            }

            await Task.Delay(20, ct);
        }

        stalledAt = null;
    }

    private static long Of(IReadOnlyList<ShardState> progress, string subscription) => progress.FirstOrDefault(s =>
        s.ShardName.StartsWith(subscription + ":", StringComparison.Ordinal))?.Sequence ?? 0;
}
