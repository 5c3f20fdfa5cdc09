using System.Net;
using HipLog.Api.Pain;
using HipLog.Api.Profiles;
using HipLog.Api.Runs;
using HipLog.Api.Stretching;
using HipLog.Domain.Pain;
using HipLog.Domain.Watch;
using HipLog.Domain.Webhooks;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;
using Marten;

namespace HipLog.Tests.DataRights;

/// <summary>
/// A runner's two days with every kind of entry (a corrected run, a retracted one, notes that need quoting), a red-flag answer
/// whose advisory the webhook failed to deliver, and the export they take with them: written once, read from the ZIP itself and
/// never from the list endpoints, one thing per test, by every class of the <see cref="ExportedHistoryCollection"/>.
/// </summary>
public sealed class ExportedHistory : IAsyncLifetime
{
    public const string Runner = "runner-export";
    public const string Tricky = "Hills, then \"sharp\"\non the stairs";

    private WatchScenario? scenario;

    public string Secret { get; private set; } = "";

    public ProfileResponse Profile { get; private set; } = null!;

    public RunResponse Corrected { get; private set; } = null!;

    public Guid Retracted { get; private set; }

    public PainReportResponse Mild { get; private set; } = null!;

    public PainReportResponse Night { get; private set; } = null!;

    public StretchSessionResponse Stretch { get; private set; } = null!;

    /// <summary>The clinician advisory, as GET /recommendations answers it.</summary>
    public RecommendationPayload Advice { get; private set; } = null!;

    public Export Export { get; private set; } = null!;

    public ExportedLog Log { get; private set; } = null!;

    /// <summary>The events of the runner's own stream, then of their recommendations'.</summary>
    public IReadOnlyList<ExportedEvent> Own => Log.Events.Where(e => e.Stream == Runner).ToList();

    public async Task InitializeAsync()
    {
        scenario = await WatchScenario.StartAsync("export", DateTimeOffset.Parse("2026-11-25T20:00:00Z"),
            settings: WatchScenario.LoopbackWebhooks);
        var runner = scenario.Api.Runner(Runner);
        // Nothing listens on the discard port: every attempt fails, and each is recorded.
        Profile = await runner.Profiles.SetAsync(Sample.Profile("Ana") with { WebhookUrl = "http://127.0.0.1:9/hook" });
        Secret = Profile.WebhookSecret!;

        var corrected = await runner.Runs.CreateAsync(Sample.Run("2026-11-24T07:10:00+01:00") with { Notes = Tricky });
        Retracted = (await runner.Runs.CreateAsync(Sample.Run("2026-11-25T07:10:00+01:00"))).Id;
        Corrected = await runner.Runs.CorrectAsync(corrected.Id, Sample.Run("2026-11-24T07:10:00+01:00", 9.1) with
        {
            Notes = Tricky, AvgHeartRate = 148, MaxHeartRate = 172,
        });
        (await runner.Runs.RetractAsync(Retracted)).IsEmpty(HttpStatusCode.NoContent);
        Mild = await runner.Pain.CreateAsync(Sample.Pain("2026-11-24T09:00:00+01:00", 3) with { Notes = Tricky, RunId = Corrected.Id });
        Night = await runner.Pain.CreateAsync(Sample.Pain("2026-11-25T20:30:00+01:00", 5) with
        {
            Timing = PainTiming.AtNight, RedFlags = new(PainAtNight: true), Notes = null,
        });
        Stretch = await runner.Stretching.CreateAsync(Sample.Session("2026-11-25T19:00:00+01:00") with
        {
            Notes = "90/90, then \"lizard\"",
        });

        var advice = await scenario.WaitFor(Runner, r => r.Status == RecommendationStatus.Delivered, "the clinician advisory");
        await Eventually.Get(async () =>
        {
            await using var session = scenario.Api.Store.QuerySession();
            return await session.Query<WebhookDelivery>().Where(d => d.RunnerId == Runner)
                .FirstOrDefaultAsync() is { Attempts.Count: > 0 } d ? d : null;
        }, "a failed webhook attempt");

        Export = await runner.DataRights.ExportAsync();
        Log = Export.Log;
        Advice = await runner.Watch.ReadAsync(advice.Id);
    }

    public async Task DisposeAsync()
    {
        if (scenario is not null)
            await scenario.DisposeAsync();
    }
}

/// <summary>
/// The classes that read the one <see cref="ExportedHistory"/>: it is written once for all of them. Its Api and Worker run
/// with real timers, so, like the pain-watch collection, the collection runs on its own after the parallel classes.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ExportedHistoryCollection : ICollectionFixture<ExportedHistory>
{
    public const string Name = "exported history";
}
