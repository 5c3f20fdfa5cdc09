using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using HipLog.Domain.Runs;
using HipLog.Domain.Watch;
using HipLog.Domain.Webhooks;
using Marten;

namespace HipLog.Bench;

/// <summary>A loopback webhook receiver: every receipt, by webhook-id, with the time it arrived.</summary>
public sealed class WebhookReceipts : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentBag<(string Id, DateTimeOffset At)> receipts = [];

    private WebhookReceipts(int port)
    {
        Url = $"http://127.0.0.1:{port}/";
        listener.Prefixes.Add(Url);
    }

    public string Url { get; }

    public IReadOnlySet<string> Ids => receipts.Select(x => x.Id).ToHashSet();

    /// <summary>The receipts of each webhook-id, earliest first.</summary>
    public Dictionary<string, List<DateTimeOffset>> ById() =>
        receipts.GroupBy(x => x.Id).ToDictionary(g => g.Key, g => g.Select(x => x.At).Order().ToList());

    public static WebhookReceipts Start()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var receiver = new WebhookReceipts(((IPEndPoint)probe.LocalEndpoint).Port);
        probe.Stop();
        receiver.listener.Start();
        _ = Task.Run(receiver.ListenAsync);
        return receiver;
    }

    public void Stop() => listener.Stop();

    public void Dispose() => listener.Close();

    private async Task ListenAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
            receipts.Add((context.Request.Headers["webhook-id"] ?? "?", DateTimeOffset.UtcNow));
            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }
}

/// <summary>What the replicas run stored and received, counted: each rising report judged once, each routine delivered once,
/// each webhook received once, and how late.</summary>
public sealed record ReplicaCounts(
    int JudgedOnce, int JudgedTwice, int Unjudged, int Extra, int Routines, int DeliveredOnce, int DeliveredTwice, int ReceivedOnce,
    int ReceivedTwice, IReadOnlyDictionary<string, int> RunsByRunner,
    IReadOnlyList<(DateTimeOffset Due, double Late)> Late, IReadOnlyList<(DateTimeOffset Due, double Late)> HookLate, int Rising,
    int Runners)
{
    private static readonly CultureInfo En = CultureInfo.InvariantCulture;

    public bool AllOnce => JudgedOnce == Rising && Rising == Runners && Extra == 0 && DeliveredOnce == Rising && DeliveredTwice == 0
        && ReceivedOnce == Rising && ReceivedTwice == 0 && RunsByRunner.Values.All(c => c == 1) && RunsByRunner.Count == Runners;

    public static async Task<ReplicaCounts> ReadAsync(IDocumentStore store, Replicas run, WebhookReceipts receiver)
    {
        await using var session = store.QuerySession();
        var routines = await session.Query<RecommendationView>().ToListAsync();
        var judged = Counted(await session.Events.QueryRawEventDataOnly<PainRiseDetected>().ToListAsync(), e => e.ReportId);
        var suggested = Counted(await session.Events.QueryRawEventDataOnly<RoutineSuggested>().ToListAsync(), e => e.RecommendationId);
        var runs = Counted(await session.Events.QueryRawEventDataOnly<RunLogged>().ToListAsync(), e => e.RunnerId);
        var byId = receiver.ById();
        int Received(RecommendationView r) => byId.GetValueOrDefault(WebhookDelivery.IdFor(r.Id))?.Count ?? 0;
        var rising = run.Rising.Values.ToHashSet();

        var late = routines.Where(r => r is { DeliveredAt: not null, DueAt: not null })
            .Select(r => (r.DueAt!.Value, (r.DeliveredAt!.Value - r.DueAt!.Value).TotalSeconds)).ToList();
        var hookLate = routines.Where(r => r.DueAt is not null && Received(r) > 0)
            .Select(r => (r.DueAt!.Value, (byId[WebhookDelivery.IdFor(r.Id)][0] - r.DueAt!.Value).TotalSeconds)).ToList();
        return new ReplicaCounts(
            rising.Count(id => judged.GetValueOrDefault(id) == 1), rising.Count(id => judged.GetValueOrDefault(id) > 1),
            rising.Count(id => judged.GetValueOrDefault(id) == 0), judged.Keys.Count(id => !rising.Contains(id)),
            routines.Count(r => r.Kind == RecommendationKind.Routine),
            routines.Count(r => suggested.GetValueOrDefault(r.Id) == 1), routines.Count(r => suggested.GetValueOrDefault(r.Id) > 1),
            routines.Count(r => Received(r) == 1), routines.Count(r => Received(r) > 1), runs, late, hookLate, rising.Count,
            run.Runners.Count);
    }

    public string Report(Replicas run, TimeSpan wave1, TimeSpan wave2, DateTimeOffset killedAt)
    {
        var (first, second, runners) = (run.First, run.Second, run.Runners.Count);
        var firstWave = runners * 3 + runners / 2;
        var waves = string.Create(En, $"wave 1 ({firstWave:N0} writes, {wave1.TotalSeconds:F1} s) before the kill, ")
                    + string.Create(En, $"wave 2 ({runners / 2} rising reports, {wave2.TotalSeconds:F1} s) after it");
        var kill = string.Create(En, $"the Worker holding the pain watch was killed (SIGKILL) at {killedAt:HH:mm:ss.fff}, ")
                   + string.Create(En, $"{(killedAt - first).TotalSeconds:F1} s after the first were due");
        var stored = string.Create(En,
            $"{RunsByRunner.Values.Sum()} for {runners} runners, {RunsByRunner.Values.Count(c => c > 1)} runner(s) with more than one");
        var answers = string.Join(", ", run.Statuses.OrderBy(s => s.Key).Select(s => $"{s.Value} × {s.Key}"));
        return string.Create(En, $"""
            {runners} runners; each one's run and mild report sent at the same moment to the two Apis; {waves}.
            Routines due at {first:HH:mm:ss} (even runners) and {second:HH:mm:ss} (odd runners, reported after the kill); {kill}.
            Answers: {answers}.
            Runs stored: {stored}.

            | | count |
            |---|---:|
            | rising reports | {Rising} |
            | judged exactly once (one PainRiseDetected) | {JudgedOnce} |
            | judged twice or more | {JudgedTwice} |
            | not judged | {Unjudged} |
            | recommendations from other reports | {Extra} |
            | routines | {Routines} |
            | delivered exactly once (one RoutineSuggested) | {DeliveredOnce} |
            | delivered twice or more | {DeliveredTwice} |
            | webhook received exactly once | {ReceivedOnce} |
            | webhook received twice or more | {ReceivedTwice} |

            | lateness, s | routines | p50 | worst |
            |---|---:|---:|---:|
            {Row($"delivered − due, due as the Worker was killed ({first:HH:mm})", Late.Where(l => l.Due == first).ToList())}
            {Row($"delivered − due, due after the kill ({second:HH:mm})", Late.Where(l => l.Due == second).ToList())}
            {Row("webhook received − due, due as the Worker was killed", HookLate.Where(l => l.Due == first).ToList())}
            {Row("webhook received − due, due after the kill", HookLate.Where(l => l.Due == second).ToList())}
            {Row("delivered − due, all", Late)}

            """);
    }

    private static Dictionary<TKey, int> Counted<T, TKey>(IEnumerable<T> events, Func<T, TKey> key) where TKey : notnull =>
        events.GroupBy(key).ToDictionary(g => g.Key, g => g.Count());

    private static string Row(string what, IReadOnlyCollection<(DateTimeOffset Due, double Late)> rows)
    {
        var late = rows.Select(l => l.Late).Order().ToList();
        var p50 = late.Count == 0 ? "–" : late[late.Count / 2].ToString("F1", En);
        var worst = late.DefaultIfEmpty(double.NaN).Max().ToString("F1", En);
        return $"| {what} | {rows.Count} | {p50} | {worst} |";
    }
}
