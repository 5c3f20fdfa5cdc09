using JasperFx.Events.Projections;
using Marten;

namespace HipLog.Domain.Runs;

public static class Configuration
{
    public static StoreOptions ConfigureRuns(this StoreOptions opts)
    {
        opts.Events.AddEventTypes([typeof(RunLogged), typeof(RunCorrected), typeof(RunRetracted)]);
        opts.Projections.Add<RunViewProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<RunView>().Index([x => x.RunnerId, x => x.OccurredAt]);
        return opts;
    }
}
