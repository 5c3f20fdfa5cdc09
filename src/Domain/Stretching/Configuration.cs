using JasperFx.Events.Projections;
using Marten;

namespace HipLog.Domain.Stretching;

public static class Configuration
{
    public static StoreOptions ConfigureStretching(this StoreOptions opts)
    {
        opts.Events.AddEventTypes([typeof(StretchSessionCompleted), typeof(StretchSessionCorrected), typeof(StretchSessionRetracted)]);
        opts.Projections.Add<StretchSessionViewProjection>(ProjectionLifecycle.Inline);
        // Runner, time, id: the order the list pages in, so a page is one walk of the index from its cursor.
        opts.Schema.For<StretchSessionView>().Index([x => x.RunnerId, x => x.OccurredAt, x => x.Id]);
        return opts;
    }
}
