using JasperFx.Events.Projections;
using Marten;

namespace HipLog.Domain.Profiles;

public static class Configuration
{
    public static StoreOptions ConfigureProfiles(this StoreOptions opts)
    {
        opts.Events.AddEventTypes([typeof(RunnerRegistered), typeof(RunnerProfileUpdated)]);
        // Inline, so a runner reads their profile back in the same request cycle that wrote it.
        opts.Projections.Add<RunnerProfileProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<RunnerProfile>().Identity(x => x.Id);
        return opts;
    }
}
