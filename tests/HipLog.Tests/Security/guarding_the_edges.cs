using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using HipLog.Api.Auth;
using HipLog.Tests.Support;

namespace HipLog.Tests.Security;

/// <summary>An Api with small limits and one allowed browser origin, to see the limits, headers, CORS and report links at work.</summary>
public sealed class EdgesFixture : IAsyncLifetime
{
    public const string AllowedOrigin = "https://app.hiplog.example";

    public HipLogApi Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Api = new HipLogApi(await TestPostgres.CreateDatabaseAsync("edges"), settings: new Dictionary<string, string?>
        {
            ["RateLimits:RunnerRequestsPerMinute"] = "8",
            ["RateLimits:AnonymousRequestsPerMinute"] = "1000",
            ["Cors:AllowedOrigins:0"] = AllowedOrigin,
        });
        await TestHosts.StartAsync(() => Api.Server);
    }

    public async Task DisposeAsync() => await Api.DisposeAsync();
}

public sealed class guarding_the_edges(EdgesFixture fixture) : IClassFixture<EdgesFixture>
{
    private readonly HipLogApi api = fixture.Api;

    [Fact]
    public async Task a_runner_over_the_limit_gets_a_429_problem_with_retry_after_and_others_are_not_affected()
    {
        var client = api.ClientFor("runner-busy");
        for (var i = 0; i < 8; i++)
            (await client.GetAsync("/runners/runner-busy/runs")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var refused = await client.GetAsync("/runners/runner-busy/runs");
        await refused.ShouldBeProblem(HttpStatusCode.TooManyRequests);
        int.Parse(refused.Headers.GetValues("Retry-After").Single()).ShouldBeInRange(1, 60);
        (await api.ClientFor("runner-calm").GetAsync("/runners/runner-calm/runs")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.CreateClient().GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task every_answer_says_nosniff_and_a_runners_data_is_never_cached()
    {
        var client = api.ClientFor("runner-headers");
        var catalogue = await api.CreateClient().GetAsync("/openapi/v1.json");
        catalogue.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);

        foreach (var response in new[] { await client.GetAsync("/runners/runner-headers/runs"),
            await client.GetAsync("/runners/runner-headers/profile") })
        {
            response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
            response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        }
    }

    [Fact]
    public async Task a_preflight_from_an_allowed_origin_is_answered_without_a_token_and_others_get_no_cors_headers()
    {
        foreach (var (origin, allowed) in new[] { (EdgesFixture.AllowedOrigin, true), ("https://evil.example", false) })
        {
            using var preflight = new HttpRequestMessage(HttpMethod.Options, "/runners/runner-cors/runs");
            preflight.Headers.Add("Origin", origin);
            preflight.Headers.Add("Access-Control-Request-Method", "POST");
            preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,idempotency-key");
            var response = await api.CreateClient().SendAsync(preflight);

            if (allowed)
            {
                response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
                response.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe([origin]);
                string.Join(",", response.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant()
                    .ShouldContain("idempotency-key");
            }
            else
            {
                response.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
            }
        }
    }

    [Fact]
    public async Task a_report_link_opens_that_runners_page_for_fifteen_minutes_and_nothing_else()
    {
        var client = api.ClientFor("runner-link");
        (await client.PutJson("/runners/runner-link/profile", new { displayName = "Lin", timeZone = "Europe/Berlin" }))
            .EnsureSuccessStatusCode();

        var created = await (await client.PostAsync("/runners/runner-link/report-links", null)).ShouldBeJson(HttpStatusCode.Created);
        var url = new Uri(created["url"]!.GetValue<string>());
        var expiresAt = DateTimeOffset.Parse(created["expiresAt"]!.GetValue<string>());
        (expiresAt - DateTimeOffset.UtcNow).ShouldBeInRange(TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        url.AbsolutePath.ShouldBe("/runners/runner-link/pain-trend/report");
        var link = System.Web.HttpUtility.ParseQueryString(url.Query)["link"]!;

        var page = await api.CreateClient().GetAsync(url.PathAndQuery);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldContain("default-src 'none'");
        csp.ShouldContain("frame-ancestors 'none'");
        page.Headers.GetValues("Referrer-Policy").ShouldBe(["no-referrer"]);
        page.Headers.CacheControl!.NoStore.ShouldBeTrue();

        // The link opens no other runner's page and no other path; a general token no longer works in a URL.
        await (await api.CreateClient().GetAsync($"/runners/runner-other/pain-trend/report?link={link}"))
            .ShouldBeProblem(HttpStatusCode.Forbidden);
        var withLinkAsBearer = api.CreateClient();
        withLinkAsBearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", link);
        await (await withLinkAsBearer.GetAsync("/runners/runner-link/runs")).ShouldBeProblem(HttpStatusCode.Unauthorized);
        await (await api.CreateClient().GetAsync($"/runners/runner-link/pain-trend/report?access_token={api.TokenFor("runner-link")}"))
            .ShouldBeProblem(HttpStatusCode.Unauthorized);

        var expired = new AuthSettings { SigningKey = TestHosts.SigningKey }.MintReportLink("runner-link",
            DateTimeOffset.UtcNow.AddMinutes(-20));
        await (await api.CreateClient().GetAsync($"/runners/runner-link/pain-trend/report?link={expired}"))
            .ShouldBeProblem(HttpStatusCode.Unauthorized);
        // An app may still open the page with its bearer token in the header.
        (await client.GetAsync("/runners/runner-link/pain-trend/report")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task a_replayed_profile_answer_never_carries_the_webhook_secret()
    {
        var client = api.ClientFor("runner-secret");
        JsonObject Profile() => new() { ["displayName"] = "Sec", ["timeZone"] = "Europe/Berlin",
            ["webhookUrl"] = "https://hooks.hiplog.example/in" };

        using var first = new HttpRequestMessage(HttpMethod.Put, "/runners/runner-secret/profile") { Content = JsonContent(Profile()) };
        first.Headers.Add("Idempotency-Key", "profile-once");
        var answer = await (await client.SendAsync(first)).ShouldBeJson(HttpStatusCode.Created);
        var secret = answer["webhookSecret"]!.GetValue<string>();
        secret.ShouldStartWith("whsec_");

        using var again = new HttpRequestMessage(HttpMethod.Put, "/runners/runner-secret/profile") { Content = JsonContent(Profile()) };
        again.Headers.Add("Idempotency-Key", "profile-once");
        var replay = await client.SendAsync(again);
        replay.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        var replayed = await replay.ShouldBeJson(HttpStatusCode.Created);
        replayed["webhookSecret"].ShouldBeNull();
        replayed["webhookSecretNote"]!.GetValue<string>().ShouldContain("only in the first answer");

        await using var connection = new Npgsql.NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var stored = new Npgsql.NpgsqlCommand("select count(*) from hiplog.mt_doc_idempotentresponse where data::text like " +
            "'%' || @secret || '%'", connection)
            { Parameters = { new("secret", secret["whsec_".Length..]) } };
        ((long)(await stored.ExecuteScalarAsync())!).ShouldBe(0);
    }

    private static StringContent JsonContent(JsonObject body) => new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
}

/// <summary>An Api of its own: requests without a token share one count per address, so nothing else may send any.</summary>
public sealed class limiting_anonymous_requests : IAsyncLifetime
{
    private HipLogApi api = null!;

    public async Task InitializeAsync()
    {
        api = new HipLogApi(await TestPostgres.CreateDatabaseAsync("anonymous"), settings: new Dictionary<string,
            string?> { ["RateLimits:AnonymousRequestsPerMinute"] = "5" });
        await TestHosts.StartAsync(() => api.Server);
    }

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task requests_without_a_token_are_counted_per_client_address()
    {
        var anonymous = api.CreateClient();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
            answers.Add((await anonymous.GetAsync("/stretches")).StatusCode);

        answers.Take(5).ShouldAllBe(s => s == HttpStatusCode.OK);
        answers.Skip(5).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);
        (await api.ClientFor("runner-known").GetAsync("/runners/runner-known/runs")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
