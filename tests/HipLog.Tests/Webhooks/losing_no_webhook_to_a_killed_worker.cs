using System.Globalization;
using HipLog.Domain.Watch;
using HipLog.Tests.Support;
using Marten;

namespace HipLog.Tests.Webhooks;

/// <summary>
/// A real Worker process killed with SIGKILL right after its deliveries commit, before it has sent a webhook (it holds
/// still at a test-only fault point); the next Worker sends every one, each with its delivery's own webhook-id.
/// </summary>
[Collection(PainWatchCollection.Name)]
public sealed class losing_no_webhook_to_a_killed_worker
{
    private const int Runners = 3;

    [Fact]
    public async Task every_webhook_of_a_delivery_committed_before_the_kill_arrives_with_its_one_id()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var connectionString = await TestPostgres.CreateDatabaseAsync("webhookkill");
        await using var api = new HipLogApi(connectionString, now: DateTimeOffset.UtcNow, settings: WatchScenario.LoopbackWebhooks);
        await TestHosts.StartAsync(() => api.Server);
        var loopback = new Dictionary<string, string> { ["Webhooks__AllowPrivateNetworks"] = "true", ["Webhooks__AllowHttp"] = "true" };
        using var first = await WorkerProcess.StartAsync(connectionString,
            new Dictionary<string, string>(loopback) { ["Faults__PauseAfterDeliverySeconds"] = "600" });

        var now = DateTimeOffset.UtcNow;
        var due = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero)
            .AddMinutes(now.Second < 25 ? 1 : 2);
        foreach (var runner in Enumerable.Range(0, Runners).Select(i => $"runner-webhook-kill-{i}"))
        {
            var client = api.ClientFor(runner);
            (await client.PutJson($"/runners/{runner}/profile", new { displayName = "W", timeZone = "UTC", webhookUrl = receiver.Url,
                reminderTime = due.ToString("HH:mm", CultureInfo.InvariantCulture) })).EnsureSuccessStatusCode();
            await client.Create($"/runners/{runner}/pain-reports", Scenarios.Pain(now.AddMinutes(-5).ToString("O"), 7));
        }

        await Eventually.Get(
            () => Task.FromResult(first.Lines.Any(l => l.Contains("Fault point: paused after delivering")) ? "paused" : null),
            "the first Worker to deliver and hold still", 150);
        first.Kill();
        receiver.Received.ShouldBeEmpty("the first Worker was killed before it sent anything");
        using var second = await WorkerProcess.StartAsync(connectionString, loopback);

        var delivered = await Eventually.Get(async () =>
        {
            await using var session = api.Store.QuerySession();
            var routines = await session.Query<RecommendationView>().Where(r => r.Kind == RecommendationKind.Routine).ToListAsync();
            return routines.Count == Runners && routines.All(r => r.Status == RecommendationStatus.Delivered) ? routines : null;
        }, "every routine delivered", 150);
        await Eventually.Get(() => Task.FromResult(receiver.Received.Count >= Runners ? "all" : null), "every webhook sent", 150);
        await Task.Delay(2000);

        receiver.Received.Select(r => r.Headers["webhook-id"]).Distinct().Order()
            .ShouldBe(delivered.Select(r => $"msg_{r.Id}").Order());
    }
}
