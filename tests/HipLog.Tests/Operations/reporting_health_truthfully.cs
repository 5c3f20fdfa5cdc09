using System.Net;
using HipLog.Domain.Pain;
using HipLog.Domain.Watch;
using HipLog.Tests.Support;
using Marten.Events.Daemon.Coordination;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HipLog.Tests.Operations;

/// <summary>/health/ready says Degraded, with the reason, when the watch lags or a routine is late; Unhealthy without PostgreSQL.</summary>
[Collection(PainWatchCollection.Name)]
public sealed class reporting_health_truthfully
{
    private const string Runner = "runner-health";
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-25T06:29:57Z");

    [Fact]
    public async Task a_watch_that_falls_more_than_30_seconds_behind_degrades_the_worker_until_it_catches_up()
    {
        await using var scenario = await WatchScenario.StartAsync("healthlag", Now);
        (await OperatorRequests.ReadinessAsync(scenario.Worker.Server))["status"]!.GetValue<string>().ShouldBe("healthy");

        var coordinator = scenario.Worker.Services.GetRequiredService<IProjectionCoordinator>();
        await coordinator.PauseAsync();
        var client = scenario.Api.ClientFor(Runner);
        await client.Create($"/runners/{Runner}/pain-reports", Scenarios.Pain("2026-11-25T07:25:00+01:00", 6));
        scenario.Clock.Advance(TimeSpan.FromSeconds(31));

        var degraded = await OperatorRequests.ReadinessAsync(scenario.Worker.Server);
        degraded["status"]!.GetValue<string>().ShouldBe("degraded");
        degraded["checks"]!["watch"]!["description"]!.GetValue<string>().ShouldContain("the pain watch is 31 s behind");
        degraded["checks"]!["postgres"]!["status"]!.GetValue<string>().ShouldBe("healthy");

        await coordinator.ResumeAsync();
        await scenario.WaitFor(Runner, r => r.Kind == RecommendationKind.Routine, "the watch to catch up");
        await Eventually.Get(async ()
            => (await OperatorRequests.ReadinessAsync(scenario.Worker.Server))["status"]!.GetValue<string>() == "healthy" ? "healthy"
            : null,
            "the Worker to be healthy again");
    }

    [Fact]
    public async Task a_routine_due_six_minutes_ago_still_undelivered_degrades_the_worker()
    {
        // No sweep during the test: the late routine stays late.
        await using var scenario = await WatchScenario.StartAsync("healthlate", Now,
            settings: new Dictionary<string, string?> { ["Jobs:MissedDeliverySweepCron"] = "0 0 1 1 *" });
        var id = RecommendationIds.For(Guid.NewGuid());
        var due = Now.AddMinutes(-4);
        await using (var session = scenario.Api.Store.LightweightSession())
        {
            session.Events.StartStream<RecommendationView>(id,
                new PainRiseDetected(id, Runner, Guid.NewGuid(), PainLocation.FrontHip, BodySide.Left, ["flare"], [], null, null,
                    new DateOnly(2026, 11, 25), due.AddHours(-1)),
                new RoutineScheduled(id, Runner, [], "Stretch your hip flexors.", new DateOnly(2026, 11, 25), due));
            await session.SaveChangesAsync();
        }

        // Four minutes late is within the threshold.
        (await OperatorRequests.ReadinessAsync(scenario.Worker.Server))["status"]!.GetValue<string>().ShouldBe("healthy");

        scenario.Clock.Advance(TimeSpan.FromMinutes(2));
        var degraded = await OperatorRequests.ReadinessAsync(scenario.Worker.Server);
        degraded["status"]!.GetValue<string>().ShouldBe("degraded");
        degraded["checks"]!["watch"]!["description"]!.GetValue<string>()
            .ShouldContain("1 due routine(s) not delivered, the oldest 6 min late");
    }

    [Fact]
    public async Task without_postgresql_both_hosts_are_unhealthy()
    {
        await using var cluster = await TestPostgres.StartDedicatedAsync();
        await using var api = new HipLogApi(cluster.ConnectionString);
        await TestHosts.StartAsync(() => api.Server);
        await using var worker = new HipLogWorker(cluster.ConnectionString);
        await TestHosts.StartAsync(() => worker.Server);
        (await OperatorRequests.ReadinessAsync(api.Server))["status"]!.GetValue<string>().ShouldBe("healthy");

        await cluster.StopAsync();
        try
        {
            foreach (var server in new[] { api.Server, worker.Server })
            {
                // A probe's answer is kept for a second, so the first answer after the stop may still be the last good one.
                var body = await Eventually.Get(async () => await OperatorRequests.GetAsync(server, "/health/ready", IPAddress.Loopback)
                    is (StatusCodes.Status503ServiceUnavailable, var unhealthy) ? unhealthy : null, "readiness to see the outage", 10);
                body.ShouldContain("\"status\":\"unhealthy\"");
                body.ShouldContain("PostgreSQL does not answer");
            }
        }
        finally
        {
            // Back up before the hosts stop, so that they stop as they would in production.
            await cluster.StartAsync();
        }
    }
}
