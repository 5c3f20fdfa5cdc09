using System.Collections.Concurrent;
using System.Net;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;

namespace HipLog.Tests.DataRights;

/// <summary>
/// Writers racing a runner's erasure through the real Api and Worker: what was acknowledged goes, what came after is refused.
/// </summary>
[Collection(PainWatchCollection.Name)]
public sealed class racing_an_erasure(Xunit.Abstractions.ITestOutputHelper output)
{
    private const string Runner = "raced-erasure-4tq";
    private const string Marker = "RACE-MARK-w3u9";
    private const int Writers = 8;

    [Fact]
    public async Task leaves_nothing_that_was_acknowledged_and_refuses_every_later_write_with_a_409()
    {
        await using var scenario = await WatchScenario.StartAsync("erasurerace", DateTimeOffset.Parse("2026-11-25T12:00:00Z"));
        var answers = new ConcurrentBag<(HttpStatusCode Status, string? Title, string Path)>();
        var refusals = 0;
        using var started = new SemaphoreSlim(0);

        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var client = scenario.Api.ClientFor(Runner);
            for (var n = 0; Volatile.Read(ref refusals) < Writers * 3 && n < 300; n++)
            {
                var (path, response) = await WriteAsync(client, w, n);
                var title = response.IsSuccessStatusCode ? null
                    : (await response.ShouldBeProblem(response.StatusCode))["title"]?.ToString();
                answers.Add((response.StatusCode, title, path));
                if (response.StatusCode == HttpStatusCode.Conflict)
                    Interlocked.Increment(ref refusals);
                if (n == 3)
                    started.Release();
            }
        })).ToList();
        for (var w = 0; w < Writers; w++)
            await started.WaitAsync(TimeSpan.FromSeconds(30));
        var erasing = System.Diagnostics.Stopwatch.StartNew();
        var erase = await scenario.Api.ClientFor(Runner).DeleteAsync($"/runners/{Runner}");
        erase.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await Task.WhenAll(writers);

        var erasure = scenario.Api.Runner(Runner).DataRights;
        await Eventually.Get(async () => (await erasure.ReadErasureAsync()).Status == "done" ? "done" : null, "the erasure to finish", 60);
        erasing.Stop();

        answers.Select(a => (a.Status, a.Title)).Distinct().OrderBy(a => a.Status).ShouldBe([(HttpStatusCode.Created, null),
            (HttpStatusCode.Conflict, "This runner is being erased")]);
        var acknowledged = answers.Where(a => a.Status == HttpStatusCode.Created).ToList();
        output.WriteLine($"{acknowledged.Count} writes acknowledged, {answers.Count - acknowledged.Count} refused with 409; erasure " +
            $"done {erasing.ElapsedMilliseconds} ms after the DELETE");
        acknowledged.Count.ShouldBeGreaterThanOrEqualTo(Writers * 4);
        (await TableScan.RowsHolding(scenario.Api.ConnectionString, Runner)).ShouldBeEmpty();
        (await TableScan.RowsHolding(scenario.Api.ConnectionString, Marker)).ShouldBeEmpty();
        var client = scenario.Api.ClientFor(Runner);
        foreach (var (_, _, path) in acknowledged)
            (await client.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.NotFound, path);
    }

    /// <summary>Runs, flares that raise routines, and stretch sessions in turn, each at its own time, each with the marker.</summary>
    private static async Task<(string Path, HttpResponseMessage Response)> WriteAsync(HttpClient client, int writer, int n)
    {
        var at = new DateTimeOffset(2026, 11, 25, 11, 0, 0, TimeSpan.Zero).AddMinutes(-(writer * 1000 + n));
        var (feature, body) = (n % 3) switch
        {
            0 => ("runs", Scenarios.Run(at.ToString("O")).With("notes", Marker)),
            1 => ("pain-reports", Scenarios.Pain(at.ToString("O"), 6 + n % 4).With("notes", Marker)),
            _ => ("stretch-sessions", Scenarios.Session(at.ToString("O")).With("notes", Marker)),
        };
        var response = await client.PostJson($"/runners/{Runner}/{feature}", body);
        return (response.Headers.Location?.ToString() ?? $"/runners/{Runner}/{feature}", response);
    }
}
