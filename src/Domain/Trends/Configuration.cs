using JasperFx.Events.Projections;
using Marten;

namespace HipLog.Domain.Trends;

public static class Configuration
{
    /// <summary>
    /// The pain trend needs no projection of its own: it is figured from the pain-report views of the days asked for.
    /// The training load keeps week units, because its averages run forward from a runner's first run.
    /// </summary>
    public static StoreOptions ConfigureTrends(this StoreOptions opts)
    {
        opts.Projections.Add(new TrainingLoadProjection(), ProjectionLifecycle.Inline, TrainingLoadProjection.Name, o =>
        {
            o.DeleteViewTypeOnTeardown<TrainingWeek>();
            o.DeleteViewTypeOnTeardown<TrainingLoad>();
        });
        opts.Schema.For<TrainingLoad>().Identity(x => x.Id);
        opts.Schema.For<TrainingWeek>().Identity(x => x.Id)
            .Duplicate(x => x.RunnerId).Duplicate(x => x.Monday)
            .Index([x => x.RunnerId, x => x.Monday]);

        opts.Projections.Add<StretchEffectivenessProjection>(ProjectionLifecycle.Inline);
        return opts;
    }
}
