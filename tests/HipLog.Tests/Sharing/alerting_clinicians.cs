using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HipLog.Api.Sharing;
using HipLog.Domain.Pain;
using HipLog.Domain.Sharing;
using HipLog.Domain.Watch;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;
using HipLog.Worker.Webhooks;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace HipLog.Tests.Sharing;

/// <summary>
/// Red-flag alerts through the real Api and Worker: two advisories of one patient within 10 minutes reach the clinician's webhook
/// as one signed patient.advisory, a share without the alerts scope sends none, and a revoked share stops them.
/// </summary>
[Collection(PainWatchCollection.Name)]
public sealed class alerting_clinicians
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-25T06:30:00Z");

    private static Api.Pain.PainReportRequest RedFlag(int minutesAgo) => Sample.Pain(Now.AddMinutes(-minutesAgo).ToString("O"), 3) with
    {
        Timing = PainTiming.AtNight, RedFlags = new Api.Pain.RedFlagsRequest(PainAtNight: true), Notes = "private words",
    };

    private static async Task<ShareResponse> ShareAsync(RunnerClient runner, RunnerClient clinician, params string[] scope)
    {
        await runner.Profiles.SetAsync(Sample.Profile("Ana"));
        var share = (await runner.PostAsync($"{runner.Path}/shares", new { label = "physio", scope }))
            .Is<ShareResponse>(HttpStatusCode.Created);
        (await clinician.PostAsync($"/clinicians/{clinician.Id}/patients", new { code = share.Code })).Status
            .ShouldBe(HttpStatusCode.Created);
        return share;
    }

    private static async Task<IReadOnlyList<ClinicianAlert>> AlertsAsync(WatchScenario scenario, string runnerId)
    {
        await using var session = scenario.Api.Store.QuerySession();
        return await session.Query<ClinicianAlert>().Where(a => a.RunnerId == runnerId).ToListAsync();
    }

    [Fact]
    public async Task advisories_within_10_minutes_reach_the_clinician_as_one_signed_alert_and_a_revoked_share_stops_them()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var scenario = await WatchScenario.StartAsync("alerts", Now, settings: WatchScenario.LoopbackWebhooks);
        var lee = scenario.Api.Clinician("alert-lee");
        var secret = (await lee.PutAsync("/clinicians/alert-lee/profile", new { displayName = "Dr Lee", webhookUrl = receiver.Url }))
            .Is<ClinicianProfileResponse>(HttpStatusCode.Created).WebhookSecret!;
        var (alerted, quiet) = (scenario.Api.Runner("alert-runner"), scenario.Api.Runner("alert-quiet"));
        var share = await ShareAsync(alerted, lee, "alerts", "summary");
        await ShareAsync(quiet, lee, "summary");

        await alerted.Pain.CreateAsync(RedFlag(2));
        await alerted.Pain.CreateAsync(RedFlag(1));
        await quiet.Pain.CreateAsync(RedFlag(1));
        await Eventually.Get(async () => (await AlertsAsync(scenario, "alert-runner")) is [{ RecommendationIds.Count: 2 }] ? "both" : null,
            "both advisories in one alert");
        await Eventually.Get(async () => (await scenario.Recommendations("alert-quiet")).Count == 1 ? "advised" : null, "the quiet one");

        scenario.Clock.Advance(ClinicianAlert.Window + TimeSpan.FromMinutes(1));
        await scenario.Worker.Services.GetRequiredService<WebhookOutbox>().SendLostAsync(TimeSpan.Zero);
        await Eventually.Get(() => Task.FromResult(receiver.Received.Count >= 1 ? "posted" : null), "the alert");
        await Task.Delay(TimeSpan.FromSeconds(2));

        var (headers, body, _) = receiver.Received.ShouldHaveSingleItem();
        var data = JsonDocument.Parse(body).RootElement;
        data.GetProperty("type").GetString().ShouldBe("patient.advisory");
        var alert = data.GetProperty("data");
        (alert.GetProperty("runnerId").GetString(), alert.GetProperty("displayName").GetString()).ShouldBe(("alert-runner", "Ana"));
        alert.GetProperty("advisories").GetInt32().ShouldBe(2);
        alert.GetProperty("rules").EnumerateArray().Select(r => r.GetString()).ShouldContain("red flag: pain at night");
        alert.GetProperty("summaryPath").GetString().ShouldBe("/clinicians/alert-lee/patients/alert-runner/clinician-summary");
        body.ShouldNotContain("private words");
        Signed(secret, headers, body).ShouldBeTrue();
        (await AlertsAsync(scenario, "alert-quiet")).ShouldBeEmpty();

        (await alerted.DeleteAsync($"{alerted.Path}/shares/{share.Id}")).IsEmpty(HttpStatusCode.NoContent);
        await alerted.Pain.CreateAsync(RedFlag(0));
        await Eventually.Get(async () => (await scenario.Recommendations("alert-runner")).Count(r => r.Kind == RecommendationKind
            .ClinicianReferral) >= 3 ? "advised" : null, "the advisory after the revocation");
        await Task.Delay(TimeSpan.FromSeconds(1));
        (await AlertsAsync(scenario, "alert-runner")).Count.ShouldBe(1);
    }

    /// <summary>The Standard Webhooks check a receiver makes with the secret it was shown once.</summary>
    private static bool Signed(string secret, Dictionary<string, string> headers, string body)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var signed = $"{headers["webhook-id"]}.{headers["webhook-timestamp"]}.{body}";
        return headers["webhook-signature"] == "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(signed)));
    }
}
