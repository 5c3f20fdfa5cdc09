using System.Net;
using HipLog.Domain.Watch;
using HipLog.ServiceDefaults;
using HipLog.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;

namespace HipLog.Tests.Operations;

/// <summary>What an operator sees of a short, realistic session: HipLog's metrics on both hosts, and logs free of health data.</summary>
[Collection(PainWatchCollection.Name)]
public sealed class operating_hiplog
{
    private const string Routine = "runner-ops-routine";
    private const string Referral = "runner-ops-referral";

    [Fact]
    public async Task a_short_session_shows_in_the_metrics_of_both_hosts_and_leaves_no_health_data_in_their_logs()
    {
        var marker = $"knee-marker-{Guid.NewGuid():N}";
        await using var receiver = await WebhookReceiver.StartAsync();
        // Everything either host would log at Debug, the framework's and the critter stack's included.
        var settings = new Dictionary<string, string?>(WatchScenario.LoopbackWebhooks)
        {
            ["Logging:LogLevel:Default"] = "Debug",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug",
            ["Logging:LogLevel:Marten"] = "Debug",
            ["Logging:LogLevel:Wolverine"] = "Debug",
            ["Logging:LogLevel:Hangfire"] = "Debug",
        };
        await using var scenario = await WatchScenario.StartAsync("operating", DateTimeOffset.Parse("2026-11-25T06:29:57Z"),
            settings: settings);

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
        var worker = await Eventually.Get(async () =>
        {
            var scrape = await OperatorRequests.ScrapeAsync(scenario.Worker.Server);
            return OperatorRequests.Sample(scrape, "hiplog_webhook_attempts_total", "result=\"delivered\"") >= 1 ? scrape : null;
        }, "the webhook attempt in the Worker's metrics");

        // One test process holds both hosts, so each scrape shows the instruments of both; in production each shows its own.
        var api = await OperatorRequests.ScrapeAsync(scenario.Api.Server);
        OperatorRequests.Sample(api, "hiplog_entries_written_total", "kind=\"pain-report\"").ShouldBeGreaterThanOrEqualTo(2);
        OperatorRequests.Sample(api, "hiplog_entries_written_total", "kind=\"run\"").ShouldBeGreaterThanOrEqualTo(1);
        OperatorRequests.Sample(worker, "hiplog_watch_assessments_total", "outcome=\"routine\"").ShouldBeGreaterThanOrEqualTo(1);
        OperatorRequests.Sample(worker, "hiplog_watch_assessments_total", "outcome=\"clinician\"").ShouldBeGreaterThanOrEqualTo(1);
        OperatorRequests.Sample(worker, "hiplog_delivery_lateness_seconds_count").ShouldBeGreaterThanOrEqualTo(1);
        worker.ShouldContain("hiplog_watch_events_behind");
        worker.ShouldContain("hiplog_watch_lag_seconds");
        // The framework's and the critter stack's own instruments are there too.
        api.ShouldContain("http_server_request_duration_seconds");

        // From anywhere but loopback, and with no credentials configured, the scrape is refused.
        (await OperatorRequests.GetAsync(scenario.Api.Server, "/metrics", IPAddress.Parse("203.0.113.7")))
            .Status.ShouldBe(StatusCodes.Status403Forbidden);
        (await OperatorRequests.GetAsync(scenario.Worker.Server, "/metrics", IPAddress.Parse("203.0.113.7")))
            .Status.ShouldBe(StatusCodes.Status403Forbidden);

        var lines = scenario.Api.Logs.Lines.Select(l => ("api", l)).Concat(scenario.Worker.Logs.Lines.Select(l => ("worker", l))).ToList();
        lines.Count(l => l.Item2.Level == Microsoft.Extensions.Logging.LogLevel.Debug).ShouldBeGreaterThan(0, "the hosts logged at Debug");
        string[] leaks = [marker, "worse at night", "\"score\":6", "Score = 6", "\"painAtNight\":true", "PainAtNight = True",
            "cannotBearWeight\":true"];
        var leaked = lines.Where(l
            => leaks.Any(leak => (l.Item2.Message + l.Item2.Exception).Contains(leak, StringComparison.OrdinalIgnoreCase)))
            .Select(l => $"{l.Item1} {l.Item2.Category}: {l.Item2.Message[..Math.Min(300, l.Item2.Message.Length)]}").ToList();
        leaked.ShouldBeEmpty();
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
