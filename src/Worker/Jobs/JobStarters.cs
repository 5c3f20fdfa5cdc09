using Hangfire;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;

namespace HipLog.Worker.Jobs;

/// <summary>
/// A subscription that starts a Hangfire job for each event of one type that the Api recorded: the event is the request, the
/// job does the work. Enqueueing is all it does, so a page is never held up by the work itself.
/// </summary>
public abstract class JobStarter<TEvent>(IBackgroundJobClient jobs) : SubscriptionBase where TEvent : class
{
    protected abstract void Start(IBackgroundJobClient jobs, TEvent requested);

    public override Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken cancellationToken)
    {
        foreach (var requested in page.Events.Select(e => e.Data).OfType<TEvent>())
            Start(jobs, requested);
        return Task.FromResult(NullChangeListener.Instance);
    }
}

public static class JobStarters
{
    /// <summary>Registers the starter as a subscription of its own name, reading only its one event type.</summary>
    public static void AddJobStarter<TStarter, TEvent>(this MartenServiceCollectionExtensions.MartenConfigurationExpression marten,
        string name)
        where TStarter : JobStarter<TEvent>
        where TEvent : class =>
        marten.AddSubscriptionWithServices<TStarter>(ServiceLifetime.Scoped, o =>
        {
            o.Name = name;
            o.IncludeType<TEvent>();
        });
}
