using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using HipLog.Domain.Watch;
using HipLog.Domain.Webhooks;
using HipLog.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace HipLog.Tests.Webhooks;

[Collection(PainWatchCollection.Name)]
public sealed class receiving_webhooks
{
    private const string Runner = "runner-webhook";

    /// <summary>What a receiver does with the secret it was shown once: the Standard Webhooks check, written independently.</summary>
    private static bool SignatureIsValid(string secret, Dictionary<string, string> headers, string body)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var signed = $"{headers["webhook-id"]}.{headers["webhook-timestamp"]}.{body}";
        var expected = "v1," + Convert.ToBase64String(new HMACSHA256(key).ComputeHash(Encoding.UTF8.GetBytes(signed)));
        return headers["webhook-signature"].Split(' ').Contains(expected);
    }

    [Fact]
    public async Task a_delivered_routine_is_posted_signed_and_retried_after_a_500()
    {
        await using var receiver = await WebhookReceiver.StartAsync(500, 200);
        await using var scenario = await WatchScenario.StartAsync("webhook", DateTimeOffset.Parse("2026-11-25T06:29:57Z"),
            settings: WatchScenario.LoopbackWebhooks);
        var client = scenario.Api.ClientFor(Runner);
        var profile = await (await client.PutJson($"/runners/{Runner}/profile",
            new { displayName = "Ana", timeZone = "Europe/Berlin", webhookUrl = receiver.Url })).ShouldBeJson(HttpStatusCode.Created);
        var secret = profile["webhookSecret"]!.GetValue<string>();
        secret.ShouldStartWith("whsec_");
        (await (await client.GetAsync($"/runners/{Runner}/profile")).ShouldBeJson(HttpStatusCode.OK))["webhookSecret"].ShouldBeNull();

        await client.Create($"/runners/{Runner}/pain-reports", Scenarios.Pain("2026-11-25T07:25:00+01:00", 6));
        var scheduled = await scenario.WaitFor(Runner, r => r.Status == RecommendationStatus.Scheduled, "the routine");
        scenario.Clock.SetUtcNow(DateTimeOffset.Parse("2026-11-25T06:30:00Z"));

        await Eventually.Get(async () => receiver.Received.Count >= 2 ? "two" : await Task.FromResult<string?>(null),
            "the retry after the 500");
        var attempts = receiver.Received.ToArray();
        attempts.Select(a => a.Answer).ShouldBe([500, 200]);
        attempts.ShouldAllBe(a => SignatureIsValid(secret, a.Headers, a.Body));
        attempts.Select(a => a.Headers["webhook-id"]).Distinct().ShouldBe([$"msg_{scheduled.Id}"]);
        long.Parse(attempts[0].Headers["webhook-timestamp"], CultureInfo.InvariantCulture)
            .ShouldBe(DateTimeOffset.Parse("2026-11-25T06:30:00Z").ToUnixTimeSeconds());
        var body = JsonNode.Parse(attempts[1].Body)!;
        body["type"]!.GetValue<string>().ShouldBe("recommendation.delivered");
        body["data"]!["id"]!.GetValue<string>().ShouldBe(scheduled.Id);
        body["data"]!["status"]!.GetValue<string>().ShouldBe("delivered");
        body["data"]!["exercises"]!.AsArray().ShouldNotBeEmpty();
        SignatureIsValid(secret, attempts[1].Headers, attempts[1].Body.Replace("delivered", "dismissed")).ShouldBeFalse();

        var deliveries = await Eventually.Get(async () =>
        {
            var list = (await client.List($"/runners/{Runner}/webhook-deliveries"));
            return list.Count == 1 && list[0]!["state"]!.GetValue<string>() == "delivered" ? list : null;
        }, "the delivery record");
        deliveries[0]!["attempts"]!.AsArray().Select(a => a!["status"]!.GetValue<int>()).ShouldBe([500, 200]);
        deliveries[0]!["attempts"]![0]!["error"]!.GetValue<string>().ShouldBe("http-500");
    }

    [Fact]
    public async Task a_name_that_resolves_to_this_machine_is_refused_when_connecting_and_the_runner_sees_only_a_category()
    {
        // The Worker may use plain http here, but not reach private networks. The URL is written straight into the
        // store, as if accepted before the rules or re-pointed by DNS after it was set: only the connect-time check stands.
        await using var receiver = await WebhookReceiver.StartAsync(200);
        await using var scenario = await WatchScenario.StartAsync("webhookrefused", DateTimeOffset.Parse("2026-11-25T20:00:00Z"),
            settings: new Dictionary<string, string?> { ["Webhooks:AllowHttp"] = "true" });
        var client = scenario.Api.ClientFor(Runner);
        (await client.PutJson($"/runners/{Runner}/profile", new { displayName = "Ana", timeZone = "Europe/Berlin" }))
            .EnsureSuccessStatusCode();
        var rebound = receiver.Url.Replace("127.0.0.1", "localhost");
        await using (var session = scenario.Api.Store.LightweightSession())
        {
            session.Store(new WebhookSubscription(Runner, rebound, "whsec_" + Convert.ToBase64String(new byte[32]), false, null,
                DateTimeOffset.UtcNow));
            await session.SaveChangesAsync();
        }

        await client.Create($"/runners/{Runner}/pain-reports",
            Scenarios.Pain("2026-11-25T20:30:00+01:00", 3).With("timing", "at-night").With("redFlags", new { painAtNight = true }));

        var deliveries = await Eventually.Get(async () =>
        {
            var list = (await client.List($"/runners/{Runner}/webhook-deliveries"));
            return list.Count == 1 && list[0]!["attempts"]!.AsArray().Count > 0 ? list : null;
        }, "the refused attempt");
        deliveries[0]!["attempts"]![0]!["error"]!.GetValue<string>().ShouldBe("refused-destination");
        deliveries[0]!["attempts"]![0]!["status"].ShouldBeNull();
        receiver.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task a_410_switches_the_webhook_off_until_the_runner_sets_it_again()
    {
        await using var receiver = await WebhookReceiver.StartAsync(410);
        await using var scenario = await WatchScenario.StartAsync("webhookgone", DateTimeOffset.Parse("2026-11-25T20:00:00Z"),
            settings: WatchScenario.LoopbackWebhooks);
        var client = scenario.Api.ClientFor(Runner);
        var profile = new { displayName = "Ana", timeZone = "Europe/Berlin", webhookUrl = receiver.Url };
        (await client.PutJson($"/runners/{Runner}/profile", profile)).EnsureSuccessStatusCode();

        await client.Create($"/runners/{Runner}/pain-reports", Scenarios.Pain("2026-11-25T20:55:00+01:00", 8));

        var disabled = await Eventually.Get(async () =>
            (await (await client.GetAsync($"/runners/{Runner}/profile"))
                .ShouldBeJson(HttpStatusCode.OK))["webhookDisabled"]?.GetValue<string>(), "the webhook switched off");
        disabled.ShouldContain("410");
        receiver.Received.Count.ShouldBe(1);
        var again = await (await client.PutJson($"/runners/{Runner}/profile", profile)).ShouldBeJson(HttpStatusCode.OK);
        again["webhookDisabled"].ShouldBeNull();
        again["webhookSecret"].ShouldBeNull();
    }
}
