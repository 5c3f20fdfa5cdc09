using System.Net;
using System.Net.Http.Headers;
using HipLog.Api.Auth;
using HipLog.Tests.Support;

namespace HipLog.Tests.Security;

public sealed class guarding_runner_data(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HipLogApi api = fixture.Api;

    [Theory]
    [InlineData("GET", "/runners/runner-a/runs")]
    [InlineData("POST", "/runners/runner-a/runs")]
    [InlineData("GET", "/runners/runner-a/profile")]
    [InlineData("PUT", "/runners/runner-a/profile")]
    public async Task without_a_token_every_runner_path_is_401_problem(string method, string path)
    {
        var response = await api.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method is "GET" ? null : new StringContent("{}", System.Text.Encoding.UTF8, "application/json"),
        });

        await response.ShouldBeProblem(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldStartWith("Bearer");
    }

    [Fact]
    public async Task a_token_signed_with_another_key_or_expired_is_401()
    {
        var forged = new AuthSettings { SigningKey = "someone-elses-signing-key-0123456789abcdef" }.MintToken("runner-a",
            api.Clock.GetUtcNow());
        var expired = new AuthSettings { SigningKey = TestHosts.SigningKey,
            TokenLifetimeHours = 1 }.MintToken("runner-a", api.Clock.GetUtcNow().AddDays(-2));

        foreach (var token in new[] { forged, expired, "not-a-jwt" })
        {
            var client = api.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            await (await client.GetAsync("/runners/runner-a/runs")).ShouldBeProblem(HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task another_runners_paths_are_403_and_reveal_nothing()
    {
        var owner = api.ClientFor("runner-owner");
        (await owner.PutJson("/runners/runner-owner/profile", new { displayName = "Secret Sam", timeZone = "Europe/Oslo" }))
            .EnsureSuccessStatusCode();
        (await owner.PostJson("/runners/runner-owner/runs", new
        {
            startedAt = "2026-11-25T07:10:00+01:00", distanceKm = 10.0, durationSeconds = 3000, perceivedEffort = 5, surface = "road",
                notes = "left hip sore",
        })).EnsureSuccessStatusCode();
        var intruder = api.ClientFor("runner-intruder");

        foreach (var response in new[]
                 {
                     await intruder.GetAsync("/runners/runner-owner/runs"),
                     await intruder.GetAsync("/runners/runner-owner/profile"),
                     await intruder.PostJson("/runners/runner-owner/runs", new { distanceKm = 1.0 }),
                     await intruder.GetAsync("/runners/nobody-at-all/profile"),
                 })
        {
            var problem = await response.ShouldBeProblem(HttpStatusCode.Forbidden);
            problem.ToJsonString().ShouldNotContain("Sam");
            problem.ToJsonString().ShouldNotContain("hip");
        }

        (await owner.List("/runners/runner-owner/runs")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task health_and_the_api_description_need_no_token()
    {
        var anonymous = api.CreateClient();

        (await (await anonymous.GetAsync("/health/live")).ShouldBeJson(HttpStatusCode.OK))["status"]!.GetValue<string>()
            .ShouldBe("healthy");
        var ready = await (await anonymous.GetAsync("/health/ready")).ShouldBeJson(HttpStatusCode.OK);
        ready["checks"]!["postgres"]!["status"]!.GetValue<string>().ShouldBe("healthy");

        var openApi = await (await anonymous.GetAsync("/openapi/v1.json")).ShouldBeJson(HttpStatusCode.OK);
        openApi["paths"]!.AsObject().Select(p => p.Key).ShouldContain("/runners/{runnerId}/runs");
        openApi["components"]!["securitySchemes"]!["bearer"]!["scheme"]!.GetValue<string>().ShouldBe("bearer");
        (await anonymous.GetAsync("/api-docs/index.html")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task an_unknown_path_is_a_404_problem()
    {
        await (await api.ClientFor("runner-a").GetAsync("/runners/runner-a/nothing-here")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("slash/inside")]
    public void tokens_are_only_minted_for_valid_runner_ids(string runnerId)
    {
        Should.Throw<ArgumentException>(()
            => new AuthSettings { SigningKey = TestHosts.SigningKey }.MintToken(runnerId, DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void a_short_signing_key_is_refused()
    {
        Should.Throw<InvalidOperationException>(()
            => new AuthSettings { SigningKey = "short" }.MintToken("runner-a", DateTimeOffset.UnixEpoch))
            .Message.ShouldContain("Auth__SigningKey");
    }
}
