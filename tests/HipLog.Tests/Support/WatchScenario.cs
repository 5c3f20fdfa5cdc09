using HipLog.Domain.Watch;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Time.Testing;

namespace HipLog.Tests.Support;

/// <summary>The real Api and one or more real Workers on one database, sharing a clock the test moves.</summary>
public sealed class WatchScenario : IAsyncDisposable
{
    private readonly List<HipLogWorker> workers = [];
    private readonly string connectionString;
    private readonly Dictionary<string, string?> workerSettings;

    private WatchScenario(string connectionString, HipLogApi api, Dictionary<string, string?> workerSettings)
    {
        this.connectionString = connectionString;
        Api = api;
        this.workerSettings = workerSettings;
    }

    public HipLogApi Api { get; }

    public FakeTimeProvider Clock => Api.Clock;

    /// <summary>The settings that let webhooks reach a receiver on this machine's loopback: for tests and local trials only.</summary>
    public static readonly IReadOnlyDictionary<string, string?> LoopbackWebhooks = new Dictionary<string, string?>
    {
        ["Webhooks:AllowPrivateNetworks"] = "true",
        ["Webhooks:AllowHttp"] = "true",
    };

    /// <param name="settings">For both the Api and the Workers.</param>
    public static async Task<WatchScenario> StartAsync(string name, DateTimeOffset now, int workers = 1, IReadOnlyDictionary<string,
        string?>? settings = null)
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync(name);
        var api = new HipLogApi(connectionString, now, settings);
        await TestHosts.StartAsync(() => api.Server);
        var workerSettings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Jobs:WebhookRetryDelaysSeconds:0"] = "1",
            ["Jobs:WebhookRetryDelaysSeconds:1"] = "1",
        };
        var scenario = new WatchScenario(connectionString, api, workerSettings);
        for (var i = 0; i < workers; i++)
            await scenario.StartWorkerAsync();
        return scenario;
    }

    public async Task<HipLogWorker> StartWorkerAsync()
    {
        var worker = new HipLogWorker(connectionString, workerSettings, Clock);
        await TestHosts.StartAsync(() => worker.Server);
        workers.Add(worker);
        return worker;
    }

    public async Task StopWorkerAsync(HipLogWorker worker)
    {
        workers.Remove(worker);
        await worker.DisposeAsync();
    }

    public HipLogWorker Worker => workers[0];

    public IReadOnlyList<HipLogWorker> Workers => workers;

    public async Task<IReadOnlyList<RecommendationView>> Recommendations(string runnerId)
    {
        await using var session = Api.Store.QuerySession();
        return await session.Query<RecommendationView>().Where(r => r.RunnerId == runnerId).OrderBy(r => r.DetectedAt).ToListAsync();
    }

    public async Task<IReadOnlyList<IEvent>> Stream(string recommendationId)
    {
        await using var session = Api.Store.QuerySession();
        return await session.Events.FetchStreamAsync(recommendationId);
    }

    public Task<RecommendationView> WaitFor(string runnerId, Func<RecommendationView, bool> condition, string what, int seconds = 30) =>
        Eventually.Get(async () => (await Recommendations(runnerId)).FirstOrDefault(condition), what, seconds);

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in workers)
        {
            // JasperFx's projection coordinator can race its own stop against a host already stopping (seen once in CI:
            // its CancellationTokenSource disposed); a teardown race says nothing about what the test checked.
            try { await worker.DisposeAsync(); }
            catch (ObjectDisposedException) { }
        }
        await Api.DisposeAsync();
    }
}

/// <summary>
/// The end-to-end watch tests run Api and Workers with real timers (Hangfire polls, the daemon's leader election);
/// they run on their own, after the parallel classes, so that a loaded machine does not starve those timers.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PainWatchCollection
{
    public const string Name = "pain watch";
}
