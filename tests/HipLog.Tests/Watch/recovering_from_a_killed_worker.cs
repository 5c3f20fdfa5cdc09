using System.Globalization;
using System.Net;
using HipLog.Domain.Watch;
using HipLog.Tests.Support;
using Marten;
using Xunit.Abstractions;

namespace HipLog.Tests.Watch;

/// <summary>
/// A real Worker process, on the real clock, killed with SIGKILL just as routines fall due; a new one started at once
/// must deliver each of them, once, within a minute. Its locks and fetched jobs are left behind as after a crash.
/// </summary>
[Collection(PainWatchCollection.Name)]
public sealed class recovering_from_a_killed_worker(ITestOutputHelper output)
{
    private const int Runners = 4;

    [Fact]
    public async Task routines_due_when_the_worker_is_killed_are_delivered_once_within_a_minute_by_the_next()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("killed");
        await using var api = new HipLogApi(connectionString, now: DateTimeOffset.UtcNow);
        await TestHosts.StartAsync(() => api.Server);
        using var first = await WorkerProcess.StartAsync(connectionString);

        // The reminder time is the next whole minute at least 30 s away, in UTC: the routines fall due together.
        var now = DateTimeOffset.UtcNow;
        var due = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero)
            .AddMinutes(now.Second < 25 ? 1 : 2);
        var runners = Enumerable.Range(0, Runners).Select(i => $"runner-killed-{i}").ToList();
        foreach (var runner in runners)
        {
            var client = api.ClientFor(runner);
            (await client.PutJson($"/runners/{runner}/profile", new { displayName = "K", timeZone = "UTC",
                reminderTime = due.ToString("HH:mm", CultureInfo.InvariantCulture) }))
                .EnsureSuccessStatusCode();
            await client.Create($"/runners/{runner}/pain-reports", Scenarios.Pain(now.AddMinutes(-5).ToString("O"), 7));
        }

        var scheduled = await Eventually.Get(async () =>
        {
            var found = await RoutinesAsync(api);
            return found.Count(r => r.Status == RecommendationStatus.Scheduled) == Runners ? found : null;
        }, "the routines scheduled by the first Worker", 60);
        scheduled.ShouldAllBe(r => r.DueAt == due);

        // Killed as the routines fall due: its schedule poller may hold its lock, and it may have fetched their jobs.
        await Task.Delay(Max(due - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(300), TimeSpan.Zero));
        first.Kill();
        // Whether or not the kill caught it holding the delayed-job poller's lock, make sure it did: that lock, left by
        // a dead Worker, once kept every delayed job waiting ten minutes.
        await using (var connection = new Npgsql.NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var stale = new Npgsql.NpgsqlCommand("""
                insert into hangfire.lock (resource, updatecount, acquired) values ('locks:schedulepoller', 0, now())
                on conflict (resource) do update set acquired = now()
                """, connection);
            await stale.ExecuteNonQueryAsync();
        }

        using var second = await WorkerProcess.StartAsync(connectionString);

        var delivered = await Eventually.Get(async () =>
        {
            var found = await RoutinesAsync(api);
            return found.All(r => r.Status == RecommendationStatus.Delivered) ? found : null;
        }, "every routine delivered by the second Worker", 120);

        var late = delivered.Select(r => r.DeliveredAt!.Value - due).ToList();
        output.WriteLine($"lateness after the kill: worst {late.Max().TotalSeconds:F1} s, best {late.Min().TotalSeconds:F1} s");
        late.ShouldAllBe(l => l >= TimeSpan.Zero && l <= TimeSpan.FromSeconds(60));
        await Task.Delay(3000);
        await using var session = api.Store.QuerySession();
        foreach (var routine in delivered)
            (await session.Events.FetchStreamAsync(routine.Id)).Count(e => e.Data is RoutineSuggested).ShouldBe(1);
    }

    private static async Task<IReadOnlyList<RecommendationView>> RoutinesAsync(HipLogApi api)
    {
        await using var session = api.Store.QuerySession();
        return await session.Query<RecommendationView>()
            .Where(r => r.Kind == RecommendationKind.Routine && r.Status != RecommendationStatus.Superseded).ToListAsync();
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
