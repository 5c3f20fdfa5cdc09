using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;

namespace HipLog.Worker.Watch;

/// <summary>Sees every pain report and correction, in order, through Marten's async daemon.</summary>
public sealed class PainWatchSubscription(PainWatchHandler handler) : SubscriptionBase
{
    public const string SubscriptionName = "pain-watch";

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken cancellationToken)
    {
        foreach (var e in page.Events)
            await handler.HandleAsync(operations.DocumentStore, e, cancellationToken);
        return NullChangeListener.Instance;
    }
}
