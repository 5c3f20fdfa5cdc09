using Marten;

namespace HipLog.Domain.DataRights;

public static class Configuration
{
    public static StoreOptions ConfigureDataRights(this StoreOptions opts)
    {
        opts.Events.AddEventTypes([typeof(RunnerErasureRequested)]);
        // The sweep looks for erasures that are still pending; there are few of them at any time.
        opts.Schema.For<ErasureRequest>().Identity(x => x.Id).Index(x => x.Status);
        return opts;
    }
}
