using HipLog.Worker.Jobs;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;

namespace HipLog.Worker.Watch;

/// <summary>
/// Reads every pain report, correction and retraction, and every profile change, in order, through Marten's async
/// daemon, a page at a time: the reports are judged, and the rest keeps <see cref="PainHistory"/> in step (an erasure
/// request makes it forget the runner).
/// </summary>
public sealed class PainWatchSubscription(SetAside judge, PainHistory history, WatchPositions positions, FaultPoints faults,
    ILogger<PainWatchSubscription> logger)
    : SubscriptionBase
{
    public const string SubscriptionName = "pain-watch";

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken cancellationToken)
    {
        await faults.WhileWatchHeldAsync(cancellationToken);
        await positions.LaneReachedAsync(operations.DocumentStore, page.SequenceCeiling, cancellationToken);
        if (await history.FollowPageAsync(page.SequenceFloor, page.SequenceCeiling,
                () => judge.JudgeAsync(operations.DocumentStore, page.Events, cancellationToken)))
            logger.LogInformation("Pain watch: resumed at event {Floor} after a gap (another Worker judged in between); recent reports " +
                "are read again", page.SequenceFloor);
        return NullChangeListener.Instance;
    }
}
