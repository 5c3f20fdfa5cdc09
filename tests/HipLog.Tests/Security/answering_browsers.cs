using System.Net;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;

namespace HipLog.Tests.Security;

/// <summary>The headers a browser acts on: nosniff and no-store on the answers, and CORS for the one allowed origin.</summary>
public sealed class answering_browsers(EdgesFixture fixture) : IClassFixture<EdgesFixture>
{
    private readonly HipLogApi api = fixture.Api;

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

    private async Task<Answer> Preflight(string origin)
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/runners/runner-cors/runs");
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,idempotency-key");
        return await Answer.ReadAsync(await api.CreateClient().SendAsync(preflight));
    }
}
