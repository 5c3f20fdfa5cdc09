using HipLog.Domain.Watch;
using HipLog.Tests.Support;
using HipLog.Worker.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace HipLog.Tests.Watch;

/// <summary>
/// The red-flag lane while the main watch is held still (a test-only fault point): a night-pain answer is advised at
/// once, an ordinary flare waits; once the main watch catches up it advises nothing twice, and the flare's routine is
/// replaced by the advice that came after it in the runner's order.
/// </summary>
[Collection(PainWatchCollection.Name)]
public sealed class advising_on_red_flags_ahead_of_the_watch
{
    private const string Runner = "runner-red-flag-lane";

    [Fact]
    public async Task advises_at_once_while_the_main_watch_is_held_and_decides_nothing_twice_once_it_catches_up()
    {
        await using var scenario = await WatchScenario.StartAsync("redflaglane", DateTimeOffset.Parse("2026-11-25T06:29:50Z"),
            settings: new Dictionary<string, string?> { ["Faults:HoldWatch"] = "true" });
        var client = scenario.Api.ClientFor(Runner);
        await client.Create($"/runners/{Runner}/pain-reports", Scenarios.Pain("2026-11-25T07:20:00+01:00", 7));
        await client.Create($"/runners/{Runner}/pain-reports", Scenarios.Pain("2026-11-25T07:21:00+01:00", 5)
            .With("redFlags", new { painAtNight = true }));

        var advice = await scenario.WaitFor(Runner, r => r.Kind == RecommendationKind.ClinicianReferral, "the lane's advice");
        advice.Reasons.ShouldContain("red-flag:pain-at-night");
        advice.Status.ShouldBe(RecommendationStatus.Delivered);
        (await scenario.Recommendations(Runner)).Count.ShouldBe(1, "the held main watch has judged nothing");

        scenario.Worker.Services.GetRequiredService<FaultPoints>().HoldWatch = false;
        await client.Create($"/runners/{Runner}/pain-reports", Scenarios.Pain("2026-11-25T07:40:00+01:00", 7));
        var later = await scenario.WaitFor(Runner, r => r is { Kind: RecommendationKind.Routine, Status: RecommendationStatus.Scheduled },
            "the main watch to judge the flare after the advice");

        // The flare before the advice had its routine, replaced by the advice, as one watch judging in order would have.
        var all = await scenario.Recommendations(Runner);
        all.Count.ShouldBe(3, "one advice and two routines: nothing decided twice");
        all.Single(r => r.Id != advice.Id && r.Id != later.Id).ShouldSatisfyAllConditions(
            r => r.Status.ShouldBe(RecommendationStatus.Superseded), r => r.SupersededBy.ShouldBe(advice.Id));
        all.Single(r => r.Id == advice.Id).Version.ShouldBe(advice.Version, "the main watch left the advice as the lane gave it");
    }
}
