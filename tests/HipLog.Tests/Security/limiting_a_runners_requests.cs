using System.Net;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;

namespace HipLog.Tests.Security;

/// <summary>A runner's requests are limited per minute (8 on the <see cref="EdgesFixture"/>'s Api), and theirs alone.</summary>
public sealed class limiting_a_runners_requests(EdgesFixture fixture) : IClassFixture<EdgesFixture>
{
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

    /// <summary>A runner who has used up the minute's requests: the limit is 8.</summary>
    private async Task<RunnerClient> OverTheLimit(string runnerId)
    {
        var runner = api.Runner(runnerId);
        for (var i = 0; i < 8; i++)
            (await runner.GetAsync(runner.Runs.Path)).Status.ShouldBe(HttpStatusCode.OK);
        return runner;
    }
}
