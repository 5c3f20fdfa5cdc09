using HipLog.Api.CalendarFeeds;
using HipLog.Api.Hosting;
using HipLog.Domain.CalendarFeeds;
using HipLog.Tests.Support;
using Wolverine.Marten;

namespace HipLog.Tests.CalendarFeeds;

/// <summary>The calendar-feed endpoints, called directly: no host, no database.</summary>
public sealed class deciding_about_calendar_feeds
{
    private static PublicUrls Urls() => new() { Base = "https://hiplog.example/" };

    [Fact]
    public void a_feed_stores_only_the_hash_of_the_secret_its_address_carries()
    {
        var (written, op) = CreateCalendarFeedEndpoint.Post("alice", Urls(), Decisions.Clock());

        var secret = written.Body!.Url!["https://hiplog.example/calendar/".Length..^".ics".Length];
        op.ShouldBeOfType<StoreDoc<CalendarFeed>>()
            .Document.ShouldBe(new CalendarFeed("alice", CalendarFeedSecret.HashOf(secret), Decisions.Now));
        written.Location.ShouldBe("/runners/alice/calendar-feed");
    }

    [Fact]
    public void a_replay_never_carries_the_address()
    {
        var (written, _) = CreateCalendarFeedEndpoint.Post("alice", Urls(), Decisions.Clock());

        ((CalendarFeedResponse)written.Body!.ForReplay()).Url.ShouldBeNull();
    }

    [Fact]
    public void revoking_deletes_the_runners_feed()
    {
        var (written, op) = RevokeCalendarFeedEndpoint.Delete("alice");

        written.Status.ShouldBe(204);
        op.ShouldBeOfType<DeleteDocById<CalendarFeed>>();
    }
}
