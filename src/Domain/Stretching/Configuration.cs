using JasperFx.Events.Projections;
using Marten;

namespace HipLog.Domain.Stretching;

public static class Configuration
{
    public static StoreOptions ConfigureStretching(this StoreOptions opts)
    {
        opts.Events.AddEventTypes([typeof(StretchSessionCompleted), typeof(StretchSessionCorrected), typeof(StretchSessionRetracted)]);
        opts.Projections.Add<StretchSessionViewProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<StretchSessionView>().Index([x => x.RunnerId, x => x.OccurredAt]);
        return opts;
    }
}
