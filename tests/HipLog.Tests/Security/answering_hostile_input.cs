using System.Net;
using System.Net.Http.Headers;
using System.Text;
using HipLog.Api.Auth;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace HipLog.Tests.Security;

/// <summary>Inputs an attacker or a careless client sends: each is a 4xx problem, none a 500, and none leaves a stack trace in the
/// log.</summary>
public sealed class answering_hostile_input(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HipLogApi api = fixture.Api;

    [Theory]
    [InlineData("/runners/%C3%A5lice/runs")]                              // ålice
    [InlineData("/runners/a%20b/runs")]
    [InlineData("/runners/a%22b/runs")]
    [InlineData("/runners/a%2Fb/runs")]
    [InlineData("/runners/rec-0123456789abcdef0123456789abcdef/runs")]     // a round-1 recommendation stream
    public async Task a_path_that_names_no_valid_runner_is_a_400_whoever_asks(string path)
    {
        foreach (var client in new[] { api.CreateClient(), api.ClientFor("runner-hostile") })
        {
            var post = await client.PostJson(path, Scenarios.Run());
            (await post.ShouldBeProblem(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["runnerId"]);
            await (await client.GetAsync(path)).ShouldBeProblem(HttpStatusCode.BadRequest);
        }

        var longId = new string('a', 3000);
        await (await api.CreateClient().GetAsync($"/runners/{longId}/runs")).ShouldBeProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task a_token_whose_subject_breaks_the_runner_id_rule_is_refused()
    {
        foreach (var subject in new[] { "ålice", "a b", "rec-0123456789abcdef0123456789abcdef", new string('x', 200) })
        {
            var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = "hiplog-local", Audience = "hiplog-api", Claims = new Dictionary<string, object> { ["sub"] = subject },
                Expires = DateTime.UtcNow.AddHours(1),
                SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(TestHosts.SigningKey)),
                    SecurityAlgorithms.HmacSha256),
            });
            var client = api.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            await (await client.GetAsync("/runners/runner-hostile/runs")).ShouldBeProblem(HttpStatusCode.Unauthorized);
        }

        Should.Throw<ArgumentException>(()
            => new AuthSettings { SigningKey = TestHosts.SigningKey }.MintToken("rec-0123456789abcdef0123456789abcdef",
            DateTimeOffset.UtcNow));
    }

    [Theory]
    [InlineData("startedAt", "0001-01-01T00:00:00Z")]
    [InlineData("startedAt", "1899-12-31T23:00:00Z")]
    [InlineData("startedAt", "2101-01-01T00:00:00Z")]
    public async Task dates_outside_1900_to_2100_are_a_400_naming_the_field(string field, string value)
    {
        var client = api.ClientFor("runner-hostile");

        (await (await client.PostJson("/runners/runner-hostile/runs", Scenarios.Run().With(field, value)))
            .ShouldBeProblem(HttpStatusCode.BadRequest))
            .ErrorFields().ShouldBe([field]);
        (await (await client.PostJson("/runners/runner-hostile/pain-reports", Scenarios.Pain().With("reportedAt", value)))
            .ShouldBeProblem(HttpStatusCode.BadRequest))
            .ErrorFields().ShouldBe(["reportedAt"]);
        (await (await client.PostJson("/runners/runner-hostile/stretch-sessions", Scenarios.Session().With("completedAt", value)))
            .ShouldBeProblem(HttpStatusCode.BadRequest))
            .ErrorFields().ShouldBe(["completedAt"]);
    }

    [Theory]
    [InlineData("/runners/runner-hostile/runs?from=0001-01-01&to=9999-12-31", "from")]
    [InlineData("/runners/runner-hostile/runs?from=1990-01-01&to=2026-01-01", "from")]
    [InlineData("/runners/runner-hostile/pain-reports?to=9999-12-31T00:00:00Z", "to")]
    [InlineData("/runners/runner-hostile/pain-trend?from=0001-01-01&to=0001-01-02", "from")]
    [InlineData("/runners/runner-hostile/pain-trend/report?from=0001-01-01&to=0001-01-02", "from")]
    [InlineData("/runners/runner-hostile/training-load?from=2026-01-01&to=9999-01-01", "to")]
    public async Task ranges_outside_the_calendar_or_over_ten_years_are_a_400(string path, string field)
    {
        var problem = await (await api.ClientFor("runner-hostile").GetAsync(path)).ShouldBeProblem(HttpStatusCode.BadRequest);
        problem.ErrorFields().ShouldContain(field);
    }

    [Fact]
    public async Task a_body_over_the_limit_is_a_413_problem_with_or_without_an_idempotency_key()
    {
        var client = api.ClientFor("runner-hostile");
        var huge = "{\"notes\":\"" + new string('x', 40 * 1024 * 1024) + "\"}";

        foreach (var key in new[] { null, "big-body-1" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/runners/runner-hostile/runs") { Content = new StringContent(huge,
                Encoding.UTF8, "application/json") };
            if (key is not null)
                request.Headers.Add("Idempotency-Key", key);
            await (await client.SendAsync(request)).ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge);
        }
    }

    [Fact]
    public async Task client_errors_are_never_logged_as_warnings_or_errors()
    {
        var lines = await ClientErrorsLogged("runner-hostile-levels");

        lines.Where(l => l.Level >= LogLevel.Warning).Select(l => $"{l.Category}: {l.Message}").ShouldBeEmpty();
    }

    [Fact]
    public async Task client_errors_leave_no_stack_trace_in_the_log()
    {
        var lines = await ClientErrorsLogged("runner-hostile-traces");

        lines.Where(l => l.Exception is not null).Select(l => $"{l.Category}: {l.Message}").ShouldBeEmpty();
    }

    /// <summary>What the Api logs while it answers a broken body, an unknown option, a form, another runner's path and an unknown
    /// id.</summary>
    private async Task<IReadOnlyList<CapturedLogs.Line>> ClientErrorsLogged(string runnerId)
    {
        var since = DateTimeOffset.UtcNow;
        var runner = api.Runner(runnerId);

        (await runner.Runs.PostAsync("{\"distanceKm\": ")).IsProblem(HttpStatusCode.BadRequest);
        (await runner.Runs.PostAsync("{\"surface\": \"lava\"}")).IsProblem(HttpStatusCode.BadRequest);
        (await runner.Runs.PostAsync(new StringContent("distance=8"))).IsProblem(HttpStatusCode.UnsupportedMediaType);
        (await runner.GetAsync("/runners/runner-other/runs")).IsProblem(HttpStatusCode.Forbidden);
        (await runner.Runs.GetAsync(Guid.NewGuid())).IsProblem(HttpStatusCode.NotFound);

        await Task.Delay(200);
        return api.Logs.Since(since);
    }
}
