using System.Net;
using System.Net.Http.Headers;
using HipLog.Domain.CalendarFeeds;
using HipLog.Domain.Storage;
using HipLog.Tests.Support;
using Marten;

namespace HipLog.Tests.CalendarFeeds;

/// <summary>The feed's address is a credential: whatever is sent in its place is a 404 problem, and it is never stored or
/// replayed.</summary>
public sealed class guarding_the_calendar_feed(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HipLogApi api = fixture.Api;

    private async Task<string> RunnerWithFeed(string runnerId)
    {
        var client = api.ClientFor(runnerId);
        (await client.PutJson($"/runners/{runnerId}/profile", new { displayName = "Gus", timeZone = "Europe/Berlin" }))
            .EnsureSuccessStatusCode();
        var created = await (await client.PostAsync($"/runners/{runnerId}/calendar-feed", null)).ShouldBeJson(HttpStatusCode.Created);
        return new Uri(created["url"]!.GetValue<string>()).AbsolutePath;
    }

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
            var problem = await (await client.GetAsync($"/calendar/{secret}.ics")).ShouldBeProblem(HttpStatusCode.NotFound);
            problem["detail"]!.GetValue<string>().ShouldContain("calendar feed");
            foreach (var path in new[] { $"/calendar/{secret}", $"/calendar/{secret}.ical", $"/calendar/x/{secret}.ics" })
                await (await client.GetAsync(path)).ShouldBeProblem(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task a_feed_needs_the_owners_token_and_a_runner_who_exists()
    {
        await (await api.CreateClient().PostAsync("/runners/runner-guard-anon/calendar-feed", null))
            .ShouldBeProblem(HttpStatusCode.Unauthorized);
        await (await api.CreateClient().DeleteAsync("/runners/runner-guard-anon/calendar-feed"))
            .ShouldBeProblem(HttpStatusCode.Unauthorized);
        await (await api.ClientFor("runner-guard-nobody").PostAsync("/runners/runner-guard-nobody/calendar-feed", null))
            .ShouldBeProblem(HttpStatusCode.NotFound);
        await (await api.ClientFor("runner-guard-nobody").PostAsync("/runners/a%2Fb/calendar-feed", null))
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        (await api.ClientFor("runner-guard-nobody").DeleteAsync("/runners/runner-guard-nobody/calendar-feed"))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task the_address_is_stored_only_as_a_hash_and_a_replay_under_the_same_key_does_not_show_it_again()
    {
        var client = api.ClientFor("runner-guard-replay");
        (await client.PutJson("/runners/runner-guard-replay/profile", new { displayName = "Rita", timeZone = "Europe/Berlin" }))
            .EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Add("Idempotency-Key", "feed-once");

        var first = await (await client.PostAsync("/runners/runner-guard-replay/calendar-feed", null)).ShouldBeJson(HttpStatusCode.Created);
        var replayed = await client.PostAsync("/runners/runner-guard-replay/calendar-feed", null);
        var replay = await replayed.ShouldBeJson(HttpStatusCode.Created);

        var url = first["url"]!.GetValue<string>();
        var secret = new Uri(url).AbsolutePath["/calendar/".Length..^".ics".Length];
        replayed.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        replay["url"].ShouldBeNull();
        replay["urlNote"]!.GetValue<string>().ShouldContain("not kept");
        await using var session = api.Store.QuerySession();
        (await session.LoadAsync<CalendarFeed>("runner-guard-replay"))!.SecretHash.ShouldBe(CalendarFeedSecret.HashOf(secret));
        (await session.Query<IdempotentResponse>().Where(r => r.RunnerId == "runner-guard-replay").ToListAsync())
            .ShouldAllBe(r => !r.Body.Contains(secret) && (r.Location == null || !r.Location.Contains(secret)));
        (await api.CreateClient().GetAsync(new Uri(url).AbsolutePath)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task the_feed_is_not_cached_and_its_address_is_not_logged_even_when_it_is_rate_limited()
    {
        var path = await RunnerWithFeed("runner-guard-logs");
        var secret = path["/calendar/".Length..^".ics".Length];

        var response = await api.CreateClient().GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        response.Headers.CacheControl.Private.ShouldBeTrue();
        response.Headers.GetValues("Referrer-Policy").ShouldBe(["no-referrer"]);

        // Fetched without a token, the feed counts against the client address's limit; the refusal is logged without the secret.
        await using var limited = new HipLogApi(api.ConnectionString, settings: new Dictionary<string,
            string?> { ["RateLimits:AnonymousRequestsPerMinute"] = "2" });
        await TestHosts.StartAsync(() => limited.Server);
        var app = limited.CreateClient();
        (await app.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await app.GetAsync(path)).ShouldBeProblem(HttpStatusCode.TooManyRequests);

        limited.Logs.Lines.ShouldContain(l => l.Message.Contains("/calendar/{secret}.ics rate-limited"));
        limited.Logs.Lines.Concat(api.Logs.Lines).ShouldNotContain(l => l.Message.Contains(secret));
    }
}
