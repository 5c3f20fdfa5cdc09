using JasperFx.Events.Projections;
using Marten;

namespace HipLog.Domain.Sharing;

public static class Configuration
{
    public static StoreOptions ConfigureSharing(this StoreOptions opts)
    {
        opts.Events.AddEventTypes([typeof(ShareOffered), typeof(ShareAccepted), typeof(ShareRevoked), typeof(ShareEnded),
            typeof(ShareAccessed), typeof(ClinicianRegistered), typeof(ClinicianProfileUpdated)]);
        opts.Projections.Add<ShareViewProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add<ShareAccessProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add<ClinicianProfileProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add(new RecentPainProjection(), ProjectionLifecycle.Inline, RecentPainProjection.Name, o =>
        {
            o.DeleteViewTypeOnTeardown<RecentPain>();
            o.DeleteViewTypeOnTeardown<PainFacts>();
        });
        // A code is found by its hash; a runner's shares and a clinician's patients by their owner.
        opts.Schema.For<ShareView>().Index(x => x.CodeHash).Index(x => x.RunnerId).Index(x => x.ClinicianId);
        opts.Schema.For<ShareAccess>().Index([x => x.ShareId, x => x.At, x => x.Id]).Index(x => x.RunnerId);
        // A clinician's tries are judged one at a time: two written at once, the second is a conflict.
        opts.Schema.For<ShareCodeAttempts>().UseOptimisticConcurrency(true);
        return opts;
    }
}
