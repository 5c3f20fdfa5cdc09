using System.Diagnostics;
using System.Net;
using HipLog.Tests.Support;
using Microsoft.Extensions.Logging;

namespace HipLog.Tests.Security;

/// <summary>PostgreSQL stops under a running Api, on a cluster of this test's own, and comes back.</summary>
[Collection(OutageCollection.Name)]
public sealed class riding_out_a_database_outage
{
    [Fact]
    public async Task requests_get_503_with_retry_after_the_log_stays_short_and_the_next_request_after_it_returns_is_served()
    {
        await using var cluster = await TestPostgres.StartDedicatedAsync();
        await using var api = new HipLogApi(cluster.ConnectionString);
        await TestHosts.StartAsync(() => api.Server);
        var client = api.ClientFor("runner-outage");
        await client.Create("/runners/runner-outage/runs", Scenarios.Run());

        await cluster.StopAsync();
        var since = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var answers = new List<HttpResponseMessage>();
        // At least three seconds and at least six answers: on a busy machine three seconds may hold fewer.
        while (clock.Elapsed < TimeSpan.FromSeconds(3) || answers.Count < 6)
        {
            answers.Add(await client.GetAsync("/runners/runner-outage/runs"));
            answers.Add(await client.PostJson("/runners/runner-outage/runs", Scenarios.Run()));
        }

        var outage = clock.Elapsed;
        answers.Count.ShouldBeGreaterThanOrEqualTo(6);
        foreach (var answer in answers)
        {
            var problem = await answer.ShouldBeProblem(HttpStatusCode.ServiceUnavailable);
            problem["detail"]!.GetValue<string>().ShouldContain("Nothing of this request was stored");
            int.Parse(answer.Headers.GetValues("Retry-After").Single()).ShouldBeGreaterThan(0);
        }

        var lines = api.Logs.Since(since);
        lines.Count(l => l.Level >= LogLevel.Warning).ShouldBeLessThanOrEqualTo((int)Math.Ceiling(outage.TotalSeconds) + 2,
            string.Join("\n", lines.Where(l => l.Level >= LogLevel.Warning).Select(l => $"{l.Level} {l.Category}: {l.Message}")));
        lines.Where(l => l.Exception is not null || l.Level >= LogLevel.Error).Select(l => $"{l.Category}: {l.Message}").ShouldBeEmpty();

        // The first request after PostgreSQL is back is served: no broken connection is left in the pool to fail it.
        await cluster.StartAsync();
        (await client.GetAsync("/runners/runner-outage/runs")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.List("/runners/runner-outage/runs")).Count.ShouldBe(1, "nothing written during the outage, nothing lost");
    }
}

/// <summary>Stopping PostgreSQL while other classes run would starve them of CPU at the wrong moment: this runs on its own.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OutageCollection
{
    public const string Name = "database outage";
}
