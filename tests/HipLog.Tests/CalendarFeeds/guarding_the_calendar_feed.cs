using System.Net;
using System.Net.Http.Headers;
using HipLog.Api.CalendarFeeds;
using HipLog.Domain.CalendarFeeds;
using HipLog.Domain.Storage;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;
using Marten;

namespace HipLog.Tests.CalendarFeeds;

/// <summary>The feed's address is a credential: whatever is sent in its place is a 404 problem, and it is never stored or
/// replayed.</summary>
public sealed class guarding_the_calendar_feed(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HipLogApi api = fixture.Api;

    /// <summary>A runner with a profile: HipLog makes feeds only for runners it knows.</summary>
    private async Task<RunnerClient> Known(string runnerId)
    {
        var runner = api.Runner(runnerId);
        await runner.Profiles.SetAsync(Sample.Profile("Gus"));
        return runner;
    }

    private static string SecretOf(string url) => new Uri(url).AbsolutePath["/calendar/".Length..^".ics".Length];

    [Theory]
    [InlineData("short")]
    [InlineData("")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA!")]          // 43 characters, one outside the alphabet
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA%2F")]         // an encoded slash
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]        // 44 characters
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]         // well formed, but no feed has it
    [InlineData("%C3%A5AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("..%2F..%2Frunners%2Fx%2Fexport")]
    public async Task an_address_that_is_malformed_or_unknown_is_a_404_problem_with_or_without_a_token(string secret)
    {
        var withBadToken = api.CreateClient();
        withBadToken.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        foreach (var client in new[] { api.CreateClient(), api.ClientFor("runner-guard"), withBadToken })
        {
            (await client.GetAnswerAsync($"/calendar/{secret}.ics")).IsProblem(HttpStatusCode.NotFound)
                .Detail.ShouldNotBeNull().ShouldContain("calendar feed");
            foreach (var path in new[] { $"/calendar/{secret}", $"/calendar/{secret}.ical", $"/calendar/x/{secret}.ics" })
                (await client.GetAnswerAsync(path)).IsProblem(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task a_feed_is_neither_made_nor_revoked_without_a_token()
    {
        var anonymous = api.Runner("runner-guard-anon", api.CreateClient()).CalendarFeed;

        (await anonymous.PostAsync()).IsProblem(HttpStatusCode.Unauthorized);
        (await anonymous.RevokeAsync()).IsProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task a_feed_of_a_runner_hiplog_does_not_know_is_not_found()
    {
        (await api.Runner("runner-guard-nobody").CalendarFeed.PostAsync()).IsProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task a_feed_of_a_runner_id_that_breaks_the_rule_is_a_400()
    {
        (await api.Runner("a%2Fb", api.ClientFor("runner-guard-nobody")).CalendarFeed.PostAsync()).IsProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task revoking_a_feed_that_never_was_is_no_error()
    {
        (await api.Runner("runner-guard-never").CalendarFeed.RevokeAsync()).IsEmpty(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task a_replay_under_the_same_key_does_not_show_the_address_again()
    {
        var feed = (await Known("runner-guard-replay")).CalendarFeed;
        await feed.PostAsync("feed-once");

        var replay = await feed.PostAsync("feed-once");

        replay.Replayed.ShouldBeTrue();
        var replayed = replay.Is<CalendarFeedResponse>(HttpStatusCode.Created);
        replayed.Url.ShouldBeNull();
        replayed.UrlNote.ShouldNotBeNull().ShouldContain("not kept");
    }

    [Fact]
    public async Task after_a_replay_the_first_address_still_opens_the_feed()
    {
        var feed = (await Known("runner-guard-replay-open")).CalendarFeed;
        var url = (await feed.PostAsync("feed-once")).Is<CalendarFeedResponse>(HttpStatusCode.Created).Url!;

        await feed.PostAsync("feed-once");

        (await feed.ReadAsync(url)).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task the_address_is_stored_only_as_a_hash()
    {
        var feed = (await Known("runner-guard-hash")).CalendarFeed;

        var secret = SecretOf((await feed.PostAsync("feed-once")).Is<CalendarFeedResponse>(HttpStatusCode.Created).Url!);

        await feed.PostAsync("feed-once");
        await using var session = api.Store.QuerySession();
        (await session.LoadAsync<CalendarFeed>("runner-guard-hash"))!.SecretHash.ShouldBe(CalendarFeedSecret.HashOf(secret));
        (await session.Query<IdempotentResponse>().Where(r => r.RunnerId == "runner-guard-hash").ToListAsync())
            .ShouldAllBe(r => !r.Body.Contains(secret) && (r.Location == null || !r.Location.Contains(secret)));
    }

    [Fact]
    public async Task the_feed_is_never_cached()
    {
        var feed = (await Known("runner-guard-cache")).CalendarFeed;

        var answer = await feed.ReadAsync((await feed.CreateAsync()).Url!);

        answer.Status.ShouldBe(HttpStatusCode.OK);
        answer.Headers.CacheControl!.NoStore.ShouldBeTrue();
        answer.Headers.CacheControl.Private.ShouldBeTrue();
    }

    [Fact]
    public async Task the_feed_sends_no_referrer()
    {
        var feed = (await Known("runner-guard-referrer")).CalendarFeed;

        var answer = await feed.ReadAsync((await feed.CreateAsync()).Url!);

        answer.Headers.GetValues("Referrer-Policy").ShouldBe(["no-referrer"]);
    }
}

/// <summary>
/// Fetched without a token, the feed counts against the client address's limit: on an Api of its own that allows two such
/// requests a minute, a feed is read three times.
/// </summary>
public sealed class RateLimitedFeed : IAsyncLifetime
{
    public HipLogApi Api { get; private set; } = null!;

    public string Secret { get; private set; } = "";

    public IReadOnlyList<Answer> Reads { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Api = new HipLogApi(await TestPostgres.CreateDatabaseAsync("feedlimit"), settings: new Dictionary<string, string?>
        {
            ["RateLimits:AnonymousRequestsPerMinute"] = "2",
        });
        await TestHosts.StartAsync(() => Api.Server);
        var runner = Api.Runner("runner-guard-logs");
        await runner.Profiles.SetAsync(Sample.Profile("Gus"));
        var url = (await runner.CalendarFeed.CreateAsync()).Url!;
        Secret = new Uri(url).AbsolutePath["/calendar/".Length..^".ics".Length];
        var app = runner.CalendarFeed;
        Reads = [await app.ReadAsync(url), await app.ReadAsync(url), await app.ReadAsync(url)];
    }

    public async Task DisposeAsync() => await Api.DisposeAsync();
}

public sealed class rate_limiting_the_calendar_feed(RateLimitedFeed feed) : IClassFixture<RateLimitedFeed>
{
    [Fact]
    public void a_feed_read_over_the_address_limit_is_a_429_problem()
    {
        feed.Reads.Select(r => r.Status).ShouldBe([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests]);
        feed.Reads[2].IsProblem(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public void the_refusal_is_logged_with_the_path_pattern_in_place_of_the_address()
    {
        feed.Api.Logs.Lines.ShouldContain(l => l.Message.Contains("/calendar/{secret}.ics rate-limited"));
    }

    [Fact]
    public void no_log_line_holds_the_address()
    {
        feed.Api.Logs.Lines.ShouldNotContain(l => l.Message.Contains(feed.Secret));
    }
}
