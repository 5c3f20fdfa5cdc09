using HipLog.Domain.CalendarFeeds;

namespace HipLog.Tests.CalendarFeeds;

/// <summary>The secret in a calendar feed's address: how it is made, kept and recognised.</summary>
public sealed class keeping_calendar_feed_secrets
{
    [Fact]
    public void a_secret_is_256_random_bits_in_url_safe_characters()
    {
        var secrets = Enumerable.Range(0, 200).Select(_ => CalendarFeedSecret.New()).ToList();

        secrets.Distinct().Count().ShouldBe(200);
        secrets.ShouldAllBe(s => s.Length == 43 && CalendarFeedSecret.IsWellFormed(s));
    }

    [Fact]
    public void a_secret_is_kept_as_a_hash_that_does_not_hold_it()
    {
        var secret = CalendarFeedSecret.New();

        CalendarFeedSecret.HashOf(secret).ShouldMatch("^[0-9a-f]{64}$");
        CalendarFeedSecret.HashOf(secret).ShouldNotContain(secret);
    }

    [Fact]
    public void only_a_string_shaped_like_a_secret_is_looked_up()
    {
        var secret = CalendarFeedSecret.New();

        foreach (var bad in new[] { "", "short", secret[..42], secret + "A", secret[..42] + "+", secret[..42] + "/", secret[..42] + "=",
                     secret[..42] + ".", secret[..42] + "é" })
            CalendarFeedSecret.IsWellFormed(bad).ShouldBeFalse(bad);
    }
}
