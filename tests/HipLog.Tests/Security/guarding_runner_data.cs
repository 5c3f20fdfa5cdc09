using System.Net;
using System.Net.Http.Headers;
using HipLog.Api.Auth;
using HipLog.Domain.Runs;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;

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
    public async Task another_runners_paths_are_403()
    {
        var intruder = await Intrusion("runner-owner-403");

        foreach (var answer in intruder)
            answer.IsProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task a_403_reveals_nothing_of_the_owners_log()
    {
        var intruder = await Intrusion("runner-owner-secret");

        foreach (var answer in intruder)
        {
            answer.Body.ShouldNotContain("Sam");
            answer.Body.ShouldNotContain("hip");
        }
    }

    [Fact]
    public async Task an_intruders_post_adds_nothing_to_the_owners_log()
    {
        var owner = api.Runner("runner-owner-kept");
        var run = await owner.Runs.CreateAsync();

        await api.Runner(owner.Id, api.ClientFor("runner-intruder")).Runs.PostAsync(new { distanceKm = 1.0 });

        (await owner.Runs.ListAsync()).ShouldBe([run]);
    }

    [Fact]
    public async Task health_needs_no_token()
    {
        var anonymous = api.CreateClient();

        (await anonymous.GetAnswerAsync("/health/live")).Is<Health>(HttpStatusCode.OK).Status.ShouldBe("healthy");
        (await anonymous.GetAnswerAsync("/health/ready")).Is<Health>(HttpStatusCode.OK).Checks["postgres"].Status.ShouldBe("healthy");
    }

    [Fact]
    public async Task the_api_description_needs_no_token()
    {
        var anonymous = api.CreateClient();

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

    /// <summary>What an intruder is answered when reading and writing the log of an owner with a name and a sore hip, and when reading
    /// the profile of a runner who does not exist.</summary>
    private async Task<Answer[]> Intrusion(string ownerId)
    {
        var owner = api.Runner(ownerId);
        await owner.Profiles.SetAsync(Sample.Profile("Secret Sam", "Europe/Oslo"));
        await owner.Runs.CreateAsync(Sample.Run(distanceKm: 10.0, effort: 5) with { Surface = Surface.Road, Notes = "left hip sore" });
        var intruder = api.Runner(ownerId, api.ClientFor("runner-intruder"));
        return
        [
            await intruder.GetAsync(intruder.Runs.Path),
            await intruder.Profiles.GetAsync(),
            await intruder.Runs.PostAsync(new { distanceKm = 1.0 }),
            await api.Runner("nobody-at-all", api.ClientFor("runner-intruder")).Profiles.GetAsync(),
        ];
    }
}
