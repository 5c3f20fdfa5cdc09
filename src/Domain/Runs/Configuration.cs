using JasperFx.Events.Projections;
using Marten;

namespace HipLog.Domain.Runs;

public static class Configuration
{
    public static StoreOptions ConfigureRuns(this StoreOptions opts)
    {
        opts.Events.AddEventTypes([typeof(RunLogged), typeof(RunCorrected), typeof(RunRetracted)]);
        opts.Projections.Add<RunViewProjection>(ProjectionLifecycle.Inline);
        // Runner, time, id: the order the list pages in, so a page is one walk of the index from its cursor.
        opts.Schema.For<RunView>().Index([x => x.RunnerId, x => x.OccurredAt, x => x.Id]);
        return opts;
    }
}
