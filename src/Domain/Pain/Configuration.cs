using JasperFx.Events.Projections;
using Marten;

namespace HipLog.Domain.Pain;

public static class Configuration
{
    public static StoreOptions ConfigurePain(this StoreOptions opts)
    {
        opts.Events.AddEventTypes([typeof(PainReported), typeof(PainReportCorrected), typeof(PainReportRetracted)]);
        opts.Projections.Add<PainReportViewProjection>(ProjectionLifecycle.Inline);
        // Runner first, then time: every read of pain (lists, trends, the watch) is one runner's range of days.
        // Runner first, then time, then id: the order the list pages in, so a page is one walk of the index from its cursor.
        opts.Schema.For<PainReportView>().Index([x => x.RunnerId, x => x.OccurredAt, x => x.Id]);
        return opts;
    }
}
