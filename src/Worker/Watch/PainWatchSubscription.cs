using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;

namespace HipLog.Worker.Watch;

/// <summary>
/// Reads every pain report, correction and retraction, and every profile change, in order, through Marten's async
/// daemon, a page at a time: the reports are judged, and the rest keeps <see cref="PainHistory"/> in step.
/// </summary>
public sealed class PainWatchSubscription(PainWatchJudge judge) : SubscriptionBase
{
    public const string SubscriptionName = "pain-watch";

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken cancellationToken)
    {
        await judge.JudgeAsync(operations.DocumentStore, page.Events, cancellationToken);
        return NullChangeListener.Instance;
    }
}
