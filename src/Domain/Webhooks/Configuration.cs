using Marten;

namespace HipLog.Domain.Webhooks;

public static class Configuration
{
    public static StoreOptions ConfigureWebhooks(this StoreOptions opts)
    {
        opts.Schema.For<WebhookSubscription>().Identity(x => x.Id);
        // Runner, time, id: the order the list of deliveries pages in.
        opts.Schema.For<WebhookDelivery>().Identity(x => x.Id).Index([x => x.RunnerId, x => x.CreatedAt, x => x.Id]);
        return opts;
    }
}
