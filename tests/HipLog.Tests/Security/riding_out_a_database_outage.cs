using System.Diagnostics;
using System.Net;
using HipLog.Api.Runs;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;
using Microsoft.Extensions.Logging;

namespace HipLog.Tests.Security;

/// <summary>
/// PostgreSQL stops under a running Api, on a cluster of this class's own, for three seconds of reads and writes, and comes
/// back; each test reads one thing the outage did.
/// </summary>
public sealed class DatabaseOutage : IAsyncLifetime
{
    private TestPostgres.DedicatedCluster? cluster;
    private HipLogApi? api;

    public RunResponse Before { get; private set; } = null!;

    /// <summary>Every answer during the outage: reads and writes in turn.</summary>
    public IReadOnlyList<Answer> During { get; private set; } = [];

    public TimeSpan Lasted { get; private set; }

    /// <summary>What the Api logged while PostgreSQL was away.</summary>
    public IReadOnlyList<CapturedLogs.Line> Logged { get; private set; } = [];

    /// <summary>The first request once PostgreSQL is back.</summary>
    public Answer FirstAfter { get; private set; } = null!;

    public RunnerClient Runner { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        cluster = await TestPostgres.StartDedicatedAsync();
        api = new HipLogApi(cluster.ConnectionString);
        await TestHosts.StartAsync(() => api.Server);
        Runner = api.Runner("runner-outage");
        Before = await Runner.Runs.CreateAsync();

        await cluster.StopAsync();
        var since = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var answers = new List<Answer>();
        // At least three seconds and at least six answers: on a busy machine three seconds may hold fewer.
        while (clock.Elapsed < TimeSpan.FromSeconds(3) || answers.Count < 6)
        {
            answers.Add(await Runner.GetAsync(Runner.Runs.Path));
            answers.Add(await Runner.Runs.PostAsync());
        }

        Lasted = clock.Elapsed;
        During = answers;
        Logged = api.Logs.Since(since);

        await cluster.StartAsync();
        FirstAfter = await Runner.GetAsync(Runner.Runs.Path);
    }

    public async Task DisposeAsync()
    {
        if (api is not null)
            await api.DisposeAsync();
        if (cluster is not null)
            await cluster.DisposeAsync();
    }
}

[Collection(OutageCollection.Name)]
public sealed class riding_out_a_database_outage(DatabaseOutage outage) : IClassFixture<DatabaseOutage>
{
    [Fact]
    public void every_request_meanwhile_is_a_503_problem_saying_nothing_was_stored()
    {
        outage.During.Count.ShouldBeGreaterThanOrEqualTo(6);

        foreach (var answer in outage.During)
            answer.IsProblem(HttpStatusCode.ServiceUnavailable).Detail.ShouldNotBeNull()
                .ShouldContain("Nothing of this request was stored");
    }

    [Fact]
    public void every_request_meanwhile_is_told_when_to_retry()
    {
        foreach (var answer in outage.During)
            int.Parse(answer.Headers.GetValues("Retry-After").Single()).ShouldBeGreaterThan(0);
    }

    [Fact]
    public void the_log_holds_about_one_warning_a_second()
    {
        var warnings = outage.Logged.Where(l => l.Level >= LogLevel.Warning).ToList();

        warnings.Count.ShouldBeLessThanOrEqualTo((int)Math.Ceiling(outage.Lasted.TotalSeconds) + 2,
            string.Join("\n", warnings.Select(l => $"{l.Level} {l.Category}: {l.Message}")));
    }

    [Fact]
    public void the_log_holds_no_error_or_stack_trace()
    {
        outage.Logged.Where(l => l.Exception is not null || l.Level >= LogLevel.Error).Select(l => $"{l.Category}: {l.Message}")
            .ShouldBeEmpty();
    }

    [Fact]
    public void the_first_request_after_the_database_is_back_is_served()
    {
        // No broken connection is left in the pool to fail it.
        outage.FirstAfter.Status.ShouldBe(HttpStatusCode.OK, outage.FirstAfter.Body);
    }

    [Fact]
    public async Task the_log_after_the_outage_is_the_log_before_it()
    {
        (await outage.Runner.Runs.ListAsync()).ShouldBe([outage.Before]);
    }
}

/// <summary>Stopping PostgreSQL while other classes run would starve them of CPU at the wrong moment: this runs on its own.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OutageCollection
{
    public const string Name = "database outage";
}
