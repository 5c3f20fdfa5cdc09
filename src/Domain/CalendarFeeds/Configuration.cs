using Marten;

namespace HipLog.Domain.CalendarFeeds;

public static class Configuration
{
    public static StoreOptions ConfigureCalendarFeeds(this StoreOptions opts)
    {
        // A feed is fetched by the hash of the secret in its address; the unique index makes that one lookup.
        opts.Schema.For<CalendarFeed>().Identity(x => x.Id).UniqueIndex(x => x.SecretHash);
        return opts;
    }
}
