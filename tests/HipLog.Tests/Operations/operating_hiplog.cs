using System.Net;
using HipLog.Domain.Watch;
using HipLog.ServiceDefaults;
using HipLog.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;

namespace HipLog.Tests.Operations;

/// <summary>
/// A short, realistic session through the Api and the Worker with everything logged at Debug: a routine delivered to a webhook,
/// a clinician referral; then what an operator sees of it, scraped and read once.
/// </summary>
public sealed class OperatedSession : IAsyncLifetime
{
    private const string Routine = "runner-ops-routine";
    private const string Referral = "runner-ops-referral";

    private readonly string marker = $"knee-marker-{Guid.NewGuid():N}";
    private WebhookReceiver? receiver;
    private WatchScenario? scenario;

    public string ApiScrape { get; private set; } = "";

    public string WorkerScrape { get; private set; } = "";

    /// <summary>The status of a scrape of each host from an address beyond loopback.</summary>
    public (int Api, int Worker) FromElsewhere { get; private set; }

    /// <summary>Every line both hosts logged, with the host's name.</summary>
    public IReadOnlyList<(string Host, CapturedLogs.Line Line)> Logged { get; private set; } = [];

    /// <summary>What a line holding the session's health data would contain.</summary>
    public string[] Leaks => [marker, "worse at night", "\"score\":6", "Score = 6", "\"painAtNight\":true", "PainAtNight = True",
        "cannotBearWeight\":true"];

    public async Task InitializeAsync()
    {
        receiver = await WebhookReceiver.StartAsync();
        // Everything either host would log at Debug, the framework's and the critter stack's included.
        var settings = new Dictionary<string, string?>(WatchScenario.LoopbackWebhooks)
        {
            ["Logging:LogLevel:Default"] = "Debug",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug",
            ["Logging:LogLevel:Marten"] = "Debug",
            ["Logging:LogLevel:Wolverine"] = "Debug",
            ["Logging:LogLevel:Hangfire"] = "Debug",
        };
        scenario = await WatchScenario.StartAsync("operating", DateTimeOffset.Parse("2026-11-25T06:29:57Z"), settings: settings);

        var routine = scenario.Api.ClientFor(Routine);
        await routine.PutJson($"/runners/{Routine}/profile", new { displayName = "Ana", timeZone = "Europe/Berlin",
            webhookUrl = receiver.Url });
        await routine.Create($"/runners/{Routine}/runs", Scenarios.Run("2026-11-25T06:10:00+01:00"));
        await routine.Create($"/runners/{Routine}/pain-reports", Scenarios.Pain("2026-11-25T07:25:00+01:00", 6).With("notes", marker));
        var referral = scenario.Api.ClientFor(Referral);
        await referral.Create($"/runners/{Referral}/pain-reports", Scenarios.Pain("2026-11-25T07:20:00+01:00", 6)
            .With("notes", marker + " worse at night").With("redFlags", new { painAtNight = true, cannotBearWeight = true }));

        await scenario.WaitFor(Routine, r => r.Status == RecommendationStatus.Scheduled, "the routine");
        await scenario.WaitFor(Referral, r => r.Kind == RecommendationKind.ClinicianReferral, "the clinician advice");
        scenario.Clock.SetUtcNow(DateTimeOffset.Parse("2026-11-25T06:30:00Z"));
        await scenario.WaitFor(Routine, r => r.Status == RecommendationStatus.Delivered, "the delivery");
        await Eventually.Get(() => Task.FromResult(receiver.Received.IsEmpty ? null : "posted"), "the webhook");
        WorkerScrape = await Eventually.Get(async () =>
        {
            var scrape = await OperatorRequests.ScrapeAsync(scenario.Worker.Server);
            return OperatorRequests.Sample(scrape, "hiplog_webhook_attempts_total", "result=\"delivered\"") >= 1 ? scrape : null;
        }, "the webhook attempt in the Worker's metrics");
        ApiScrape = await OperatorRequests.ScrapeAsync(scenario.Api.Server);

        var elsewhere = IPAddress.Parse("203.0.113.7");
        FromElsewhere = ((await OperatorRequests.GetAsync(scenario.Api.Server, "/metrics", elsewhere)).Status,
            (await OperatorRequests.GetAsync(scenario.Worker.Server, "/metrics", elsewhere)).Status);
        Logged = scenario.Api.Logs.Lines.Select(l => ("api", l)).Concat(scenario.Worker.Logs.Lines.Select(l => ("worker", l))).ToList();
    }

    public async Task DisposeAsync()
    {
        if (scenario is not null)
            await scenario.DisposeAsync();
        if (receiver is not null)
            await receiver.DisposeAsync();
    }
}

/// <summary>One test process holds both hosts, so each scrape shows the instruments of both; in production each shows its own.
/// </summary>
[Collection(PainWatchCollection.Name)]
public sealed class operating_hiplog(OperatedSession session) : IClassFixture<OperatedSession>
{
    [Fact]
    public void the_api_counts_the_entries_written_by_kind()
    {
        OperatorRequests.Sample(session.ApiScrape, "hiplog_entries_written_total", "kind=\"pain-report\"").ShouldBeGreaterThanOrEqualTo(2);
        OperatorRequests.Sample(session.ApiScrape, "hiplog_entries_written_total", "kind=\"run\"").ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public void the_worker_counts_its_assessments_by_outcome()
    {
        OperatorRequests.Sample(session.WorkerScrape, "hiplog_watch_assessments_total", "outcome=\"routine\"")
            .ShouldBeGreaterThanOrEqualTo(1);
        OperatorRequests.Sample(session.WorkerScrape, "hiplog_watch_assessments_total", "outcome=\"clinician\"")
            .ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public void the_worker_measures_how_late_each_delivery_was()
    {
        OperatorRequests.Sample(session.WorkerScrape, "hiplog_delivery_lateness_seconds_count").ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public void the_worker_shows_how_far_behind_the_watch_is()
    {
        session.WorkerScrape.ShouldContain("hiplog_watch_events_behind");
        session.WorkerScrape.ShouldContain("hiplog_watch_lag_seconds");
    }

    [Fact]
    public void the_frameworks_own_instruments_are_scraped_too()
    {
        session.ApiScrape.ShouldContain("http_server_request_duration_seconds");
    }

    [Fact]
    public void without_credentials_configured_a_scrape_from_beyond_loopback_is_refused()
    {
        session.FromElsewhere.ShouldBe((StatusCodes.Status403Forbidden, StatusCodes.Status403Forbidden));
    }

    [Fact]
    public void no_line_logged_at_any_level_holds_health_data()
    {
        session.Logged.Count(l => l.Line.Level == Microsoft.Extensions.Logging.LogLevel.Debug).ShouldBeGreaterThan(0,
            "the hosts logged at Debug");

        session.Logged.Where(l => session.Leaks.Any(leak => (l.Line.Message + l.Line.Exception).Contains(leak,
                StringComparison.OrdinalIgnoreCase)))
            .Select(l => $"{l.Host} {l.Line.Category}: {l.Line.Message[..Math.Min(300, l.Line.Message.Length)]}").ShouldBeEmpty();
    }

    [Fact]
    public void metrics_beyond_loopback_need_the_dashboard_credentials_when_they_are_configured()
    {
        var hash = new PasswordHasher<string>().HashPassword("ops", "s3cret-pass");
        var access = new OperatorAccess("ops", hash);
        static HttpContext From(string address, string? authorization = null)
        {
            var http = new DefaultHttpContext();
            http.Connection.RemoteIpAddress = IPAddress.Parse(address);
            if (authorization is not null)
                http.Request.Headers.Authorization = authorization;
            return http;
        }

        static string Basic(string pair) => "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(pair));

        access.Allows(From("203.0.113.7", Basic("ops:s3cret-pass")), "HipLog metrics").ShouldBeTrue();
        var wrong = From("203.0.113.7", Basic("ops:guess"));
        access.Allows(wrong, "HipLog metrics").ShouldBeFalse();
        wrong.Response.Headers.WWWAuthenticate.ToString().ShouldStartWith("Basic realm=\"HipLog metrics\"");
        access.Allows(From("203.0.113.7"), "HipLog metrics").ShouldBeFalse();
        // Once credentials are configured, loopback needs them too: the rule is the dashboard's.
        access.Allows(From("127.0.0.1"), "HipLog metrics").ShouldBeFalse();

        var open = new OperatorAccess(null, null);
        open.Allows(From("127.0.0.1"), "HipLog metrics").ShouldBeTrue();
        open.Allows(From("::1"), "HipLog metrics").ShouldBeTrue();
        open.Allows(From("203.0.113.7", Basic("ops:s3cret-pass")), "HipLog metrics").ShouldBeFalse();
    }
}
