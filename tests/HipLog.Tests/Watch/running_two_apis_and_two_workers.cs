using System.Globalization;
using System.Net;
using Hangfire;
using HipLog.Domain.Pain;
using HipLog.Domain.Runs;
using HipLog.Domain.Watch;
using HipLog.Tests.Support;
using HipLog.Worker.Watch;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace HipLog.Tests.Watch;

/// <summary>
/// Two Apis and two Workers on one database, as ./run.sh --replicas 2 starts them. Each runner's writes are spread over
/// both Apis, and the Workers are stopped one after the other, so that the pain watch moves at least once whichever
/// of them held it. bench/replicas.sh does the same with 100 runners, real processes and SIGKILL, and measures lateness.
/// </summary>
[Collection(PainWatchCollection.Name)]
public sealed class running_two_apis_and_two_workers
{
    private const int Runners = 8;
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 7, 29, 45, TimeSpan.Zero);
    private static readonly DateTimeOffset Due = new(2026, 11, 25, 7, 30, 0, TimeSpan.Zero);

    private static string At(int hour, int minute) => new DateTimeOffset(2026, 11, 25, hour, minute, 0, TimeSpan.Zero)
        .ToString("O", CultureInfo.InvariantCulture);

    [Fact]
    public async Task one_runners_retractions_sent_to_both_apis_at_once_are_stored_once()
    {
        await using var scenario = await WatchScenario.StartAsync("replicaslock", Now, workers: 0);
        await using var second = new HipLogApi(scenario.Api.ConnectionString, Now);
        await TestHosts.StartAsync(() => second.Server);
        const string runner = "runner-two-apis";
        var viaFirst = scenario.Api.ClientFor(runner);
        var viaSecond = second.ClientFor(runner);

        // Appends to a runner's stream never conflict on its version: without a turn across Apis, both would pass
        // their check that the run stands, and both retractions would be stored.
        for (var i = 0; i < 10; i++)
        {
            var run = await viaFirst.Create($"/runners/{runner}/runs", Scenarios.Run(At(6, i)));
            var answers = await Task.WhenAll(viaFirst.DeleteAsync($"/runners/{runner}/runs/{run}"),
                viaSecond.DeleteAsync($"/runners/{runner}/runs/{run}"));
            answers.Select(a => a.StatusCode).Order().ShouldBe([HttpStatusCode.NoContent, HttpStatusCode.NotFound]);
        }

        await using var session = scenario.Api.Store.QuerySession();
        (await session.Events.FetchStreamAsync(runner)).Count(e => e.Data is RunRetracted).ShouldBe(10);
    }

    [Fact]
    public async Task every_rising_report_is_judged_once_and_every_routine_delivered_once_while_the_workers_change()
    {
        await using var scenario = await WatchScenario.StartAsync("replicas", Now, workers: 2);
        await using var second = new HipLogApi(scenario.Api.ConnectionString, Now);
        await TestHosts.StartAsync(() => second.Server);
        HttpClient Api(int i, string runner) => i % 2 == 0 ? scenario.Api.ClientFor(runner) : second.ClientFor(runner);
        var runners = Enumerable.Range(0, Runners).Select(i => $"runner-replica-{i}").ToList();
        var rising = new Dictionary<string, Guid>();

        // Wave 1, both Workers running: every runner's profile, a run and a mild report sent at once to the two Apis,
        // and the even runners' rising report.
        await Task.WhenAll(runners.Select(async (runner, i) =>
        {
            (await Api(i, runner).PutJson($"/runners/{runner}/profile", new { displayName = "R", timeZone = "UTC",
                reminderTime = "07:30" })).EnsureSuccessStatusCode();
            await Task.WhenAll(Api(i, runner).Create($"/runners/{runner}/runs", Scenarios.Run(At(6, 0))),
                Api(i + 1, runner).Create($"/runners/{runner}/pain-reports", Scenarios.Pain(At(6, 50), 2)));
        }));
        foreach (var (runner, i) in runners.Select((r, i) => (r, i)).Where(x => x.i % 2 == 0))
            rising[runner] = await Api(i + 1, runner).Create($"/runners/{runner}/pain-reports", Scenarios.Pain(At(7, 20), 7));
        await RoutinesScheduledAsync(scenario, rising.Count);

        // One Worker stops; the odd runners report rising pain; a new Worker starts and the other first one stops.
        var (first, other) = (scenario.Worker, scenario.Workers[1]);
        await scenario.StopWorkerAsync(first);
        foreach (var (runner, i) in runners.Select((r, i) => (r, i)).Where(x => x.i % 2 == 1))
            rising[runner] = await Api(i, runner).Create($"/runners/{runner}/pain-reports", Scenarios.Pain(At(7, 25), 7));
        await RoutinesScheduledAsync(scenario, Runners);
        var last = await scenario.StartWorkerAsync();
        await scenario.StopWorkerAsync(other);

        // The routines fall due: the last Worker delivers them (their jobs, or the sweep for jobs the others held).
        scenario.Clock.SetUtcNow(Due);
        second.Clock.SetUtcNow(Due);
        last.Services.GetRequiredService<IRecurringJobManager>().Trigger(DeliverMissedRecommendations.RecurringJobId);
        var delivered = await Eventually.Get(async () =>
        {
            var found = await RoutinesAsync(scenario);
            return found.Count == Runners && found.All(r => r.Status == RecommendationStatus.Delivered) ? found : null;
        }, "every routine delivered", 60);
        await Task.Delay(2500);

        delivered.ShouldAllBe(r => r.DeliveredAt == Due && r.DueAt == Due);
        await using var session = scenario.Api.Store.QuerySession();
        var judged = await session.Events.QueryRawEventDataOnly<PainRiseDetected>().ToListAsync();
        judged.Select(j => j.ReportId).Order().ShouldBe(rising.Values.Order());
        var suggested = await session.Events.QueryRawEventDataOnly<RoutineSuggested>().ToListAsync();
        suggested.Select(s => s.RecommendationId).Order().ShouldBe(delivered.Select(r => r.Id).Order());
        (await session.Events.QueryRawEventDataOnly<RunLogged>().CountAsync()).ShouldBe(Runners);
        (await session.Events.QueryRawEventDataOnly<PainReported>().CountAsync()).ShouldBe(Runners * 2);
    }

    private static Task RoutinesScheduledAsync(WatchScenario scenario, int count) =>
        Eventually.Get(async () => (await RoutinesAsync(scenario)).Count(r => r.Status == RecommendationStatus.Scheduled) == count
            ? "judged" : null,
            $"{count} routines scheduled", 60);

    private static async Task<IReadOnlyList<RecommendationView>> RoutinesAsync(WatchScenario scenario)
    {
        await using var session = scenario.Api.Store.QuerySession();
        return await session.Query<RecommendationView>().Where(r => r.Kind == RecommendationKind.Routine).ToListAsync();
    }
}
