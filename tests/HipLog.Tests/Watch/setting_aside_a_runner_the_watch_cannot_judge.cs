using Hangfire;
using HipLog.Domain.Watch;
using HipLog.Tests.Operations;
using HipLog.Tests.Support;
using HipLog.Worker.Jobs;
using HipLog.Worker.Watch;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace HipLog.Tests.Watch;

/// <summary>
/// One runner's events make the watch fail (a test-only fault): the other runners' routines are still decided and
/// delivered, that runner's events wait aside, the Worker says so, and they are judged once the fault is gone.
/// </summary>
[Collection(PainWatchCollection.Name)]
public sealed class setting_aside_a_runner_the_watch_cannot_judge
{
    private const string Faulty = "runner-watch-faulty";
    private const string Fine = "runner-watch-fine";

    [Fact]
    public async Task keeps_every_other_runner_judged_and_delivered_and_judges_the_set_aside_events_later()
    {
        await using var scenario = await WatchScenario.StartAsync("setaside", DateTimeOffset.Parse("2026-11-25T06:29:50Z"),
            settings: new Dictionary<string, string?> { ["Faults:FailWatchForRunner"] = Faulty });
        var faulty = scenario.Api.ClientFor(Faulty);
        var fine = scenario.Api.ClientFor(Fine);
        await faulty.Create($"/runners/{Faulty}/pain-reports", Scenarios.Pain("2026-11-25T07:20:00+01:00", 7));
        await fine.Create($"/runners/{Fine}/pain-reports", Scenarios.Pain("2026-11-25T07:21:00+01:00", 7));

        var routine = await scenario.WaitFor(Fine, r => r.Status == RecommendationStatus.Scheduled, "the other runner's routine");
        scenario.Clock.SetUtcNow(routine.DueAt!.Value.AddSeconds(1).ToUniversalTime());
        scenario.Worker.Services.GetRequiredService<IRecurringJobManager>().Trigger(DeliverMissedRecommendations.RecurringJobId);
        await scenario.WaitFor(Fine, r => r.Status == RecommendationStatus.Delivered, "the other runner's routine delivered");
        var aside = await Eventually.Get(async () =>
        {
            await using var session = scenario.Api.Store.QuerySession();
            return await session.LoadAsync<SetAsideEvents>(Faulty);
        }, "the faulty runner's events set aside");
        aside.Sequences.Count.ShouldBe(1);
        (await scenario.Recommendations(Faulty)).ShouldBeEmpty();
        var health = await OperatorRequests.ReadinessAsync(scenario.Worker.Server);
        health["status"]!.GetValue<string>().ShouldBe("degraded");
        health.ToJsonString().ShouldContain("set aside the events of 1 runner");

        // Their next report waits with the first, in order; once the fault is gone both are judged at the next retry.
        await faulty.Create($"/runners/{Faulty}/pain-reports", Scenarios.Pain("2026-11-25T07:30:00+01:00", 8));
        await Eventually.Get(async () =>
        {
            await using var session = scenario.Api.Store.QuerySession();
            return await session.LoadAsync<SetAsideEvents>(Faulty) is { Sequences.Count: 2 } held ? held : null;
        }, "the later report set aside with the first");
        scenario.Worker.Services.GetRequiredService<FaultPoints>().FailingRunner = null;
        scenario.Clock.Advance(TimeSpan.FromMinutes(2));
        // The page that brings the retry holds a third report of theirs: it joins the others and is judged with them.
        var third = await faulty.Create($"/runners/{Faulty}/pain-reports", Scenarios.Pain("2026-11-25T07:40:00+01:00", 7));

        await scenario.WaitFor(Faulty, r => r.Kind == RecommendationKind.Routine, "the set-aside reports judged");
        await scenario.WaitFor(Faulty, r => r.ReportId == third, "the report that came with the retry judged");
        await using (var session = scenario.Api.Store.QuerySession())
            (await session.LoadAsync<SetAsideEvents>(Faulty)).ShouldBeNull();
    }
}
