using System.Net;
using System.Net.Http.Headers;
using HipLog.Api.Auth;
using HipLog.Api.Profiles;
using HipLog.Api.Trends;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;

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
    private static readonly ProfileRequest WithWebhook = Sample.Profile("Sec") with { WebhookUrl = "https://hooks.hiplog.example/in" };

    private readonly HipLogApi api = fixture.Api;

    [Fact]
    public async Task a_runner_over_the_limit_gets_a_429_problem_with_retry_after()
    {
        var runner = await OverTheLimit("runner-busy");

        var refused = await runner.GetAsync(runner.Runs.Path);

        refused.IsProblem(HttpStatusCode.TooManyRequests);
        int.Parse(refused.Headers.GetValues("Retry-After").Single()).ShouldBeInRange(1, 60);
    }

    [Fact]
    public async Task a_runner_over_the_limit_does_not_hold_up_anyone_else()
    {
        await OverTheLimit("runner-busier");

        (await api.Runner("runner-calm").Runs.ListAsync()).ShouldBeEmpty();
        (await api.CreateClient().GetAnswerAsync("/health/live")).Is<Health>(HttpStatusCode.OK).Status.ShouldBe("healthy");
    }

    [Fact]
    public async Task every_answer_says_nosniff()
    {
        var runner = api.Runner("runner-nosniff");

        foreach (var answer in new[] { await api.CreateClient().GetAnswerAsync("/openapi/v1.json"), await runner.GetAsync(runner.Runs.Path),
                     await runner.Profiles.GetAsync() })
            answer.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
    }

    [Fact]
    public async Task a_runners_data_is_never_cached()
    {
        var runner = api.Runner("runner-no-store");

        foreach (var answer in new[] { await runner.GetAsync(runner.Runs.Path), await runner.Profiles.GetAsync() })
            answer.Headers.CacheControl!.NoStore.ShouldBeTrue();
    }

    [Fact]
    public async Task a_preflight_from_an_allowed_origin_is_answered_without_a_token()
    {
        var answer = await Preflight(EdgesFixture.AllowedOrigin);

        answer.Status.ShouldBe(HttpStatusCode.NoContent);
        answer.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe([EdgesFixture.AllowedOrigin]);
        string.Join(",", answer.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant().ShouldContain("idempotency-key");
    }

    [Fact]
    public async Task a_preflight_from_another_origin_gets_no_cors_headers()
    {
        var answer = await Preflight("https://evil.example");

        answer.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }

    [Fact]
    public async Task a_report_link_lasts_fifteen_minutes()
    {
        var link = await ReportLink("runner-link-lasts");

        // Link tokens are checked against the real clock, and dated by it.
        (link.ExpiresAt - DateTimeOffset.UtcNow).ShouldBeInRange(TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
    }

    [Fact]
    public async Task a_report_link_points_at_that_runners_report_page()
    {
        var link = await ReportLink("runner-link-path");

        new Uri(link.Url!).AbsolutePath.ShouldBe("/runners/runner-link-path/pain-trend/report");
    }

    [Fact]
    public async Task a_report_link_opens_the_page_without_a_token()
    {
        var link = await ReportLink("runner-link-opens");

        (await api.CreateClient().GetAnswerAsync(new Uri(link.Url!).PathAndQuery)).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task the_report_page_may_load_nothing_from_elsewhere_nor_be_framed()
    {
        var page = await api.CreateClient().GetAnswerAsync(new Uri((await ReportLink("runner-link-csp")).Url!).PathAndQuery);

        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldContain("default-src 'none'");
        csp.ShouldContain("frame-ancestors 'none'");
    }

    [Fact]
    public async Task the_report_page_sends_no_referrer()
    {
        var page = await api.CreateClient().GetAnswerAsync(new Uri((await ReportLink("runner-link-referrer")).Url!).PathAndQuery);

        page.Headers.GetValues("Referrer-Policy").ShouldBe(["no-referrer"]);
    }

    [Fact]
    public async Task the_report_page_is_never_cached()
    {
        var page = await api.CreateClient().GetAnswerAsync(new Uri((await ReportLink("runner-link-no-store")).Url!).PathAndQuery);

        page.Headers.CacheControl!.NoStore.ShouldBeTrue();
    }

    [Fact]
    public async Task a_report_link_opens_no_other_runners_page()
    {
        var link = LinkToken(await ReportLink("runner-link-own"));

        (await api.CreateClient().GetAnswerAsync($"/runners/runner-other/pain-trend/report?link={link}"))
            .IsProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task a_report_link_is_no_bearer_token()
    {
        var link = LinkToken(await ReportLink("runner-link-bearer"));
        var withLinkAsBearer = api.CreateClient();
        withLinkAsBearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", link);

        (await withLinkAsBearer.GetAnswerAsync("/runners/runner-link-bearer/runs")).IsProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task a_bearer_token_in_the_url_opens_no_page()
    {
        var answer = await api.CreateClient()
            .GetAnswerAsync($"/runners/runner-link-token/pain-trend/report?access_token={api.TokenFor("runner-link-token")}");

        answer.IsProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task an_expired_report_link_opens_no_page()
    {
        var expired = new AuthSettings { SigningKey = TestHosts.SigningKey }.MintReportLink("runner-link-expired",
            DateTimeOffset.UtcNow.AddMinutes(-20));

        (await api.CreateClient().GetAnswerAsync($"/runners/runner-link-expired/pain-trend/report?link={expired}"))
            .IsProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task an_app_opens_the_report_page_with_its_bearer_token_in_the_header()
    {
        var runner = api.Runner("runner-link-app");
        await runner.Profiles.SetAsync(Sample.Profile("Lin"));

        (await runner.GetAsync($"{runner.Path}/pain-trend/report")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task a_replayed_profile_answer_never_carries_the_webhook_secret()
    {
        var runner = api.Runner("runner-secret");
        var first = (await runner.Profiles.PutAsync(WithWebhook, "profile-once")).Is<ProfileResponse>(HttpStatusCode.Created);

        var replay = await runner.Profiles.PutAsync(WithWebhook, "profile-once");

        replay.Replayed.ShouldBeTrue();
        var replayed = replay.Is<ProfileResponse>(HttpStatusCode.Created);
        replayed.WebhookSecretNote.ShouldNotBeNull().ShouldContain("only in the first answer");
        replayed.ShouldBe(first with { WebhookSecret = null, WebhookSecretNote = replayed.WebhookSecretNote });
    }

    [Fact]
    public async Task the_webhook_secret_is_not_stored_with_the_answer_kept_for_replays()
    {
        var runner = api.Runner("runner-secret-kept");

        var answer = await runner.Profiles.PutAsync(WithWebhook, "profile-kept");
        var secret = answer.Is<ProfileResponse>(HttpStatusCode.Created).WebhookSecret;

        secret.ShouldNotBeNull().ShouldStartWith("whsec_");
        await using var connection = new Npgsql.NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var stored = new Npgsql.NpgsqlCommand("select count(*) from hiplog.mt_doc_idempotentresponse where data::text like " +
            "'%' || @secret || '%'", connection)
            { Parameters = { new("secret", secret["whsec_".Length..]) } };
        ((long)(await stored.ExecuteScalarAsync())!).ShouldBe(0);
    }

    /// <summary>A runner who has used up the minute's requests: the limit is 8.</summary>
    private async Task<RunnerClient> OverTheLimit(string runnerId)
    {
        var runner = api.Runner(runnerId);
        for (var i = 0; i < 8; i++)
            (await runner.GetAsync(runner.Runs.Path)).Status.ShouldBe(HttpStatusCode.OK);
        return runner;
    }

    private async Task<Answer> Preflight(string origin)
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/runners/runner-cors/runs");
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,idempotency-key");
        return await Answer.ReadAsync(await api.CreateClient().SendAsync(preflight));
    }

    private async Task<ReportLinkResponse> ReportLink(string runnerId)
    {
        var runner = api.Runner(runnerId);
        await runner.Profiles.SetAsync(Sample.Profile("Lin"));
        return await runner.Trends.LinkAsync();
    }

    private static string LinkToken(ReportLinkResponse link) => System.Web.HttpUtility.ParseQueryString(new Uri(link.Url!).Query)["link"]!;

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
