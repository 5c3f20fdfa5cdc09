using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using HipLog.Api.Profiles;
using HipLog.Api.Webhooks;
using HipLog.Domain.Pain;
using HipLog.Domain.Watch;
using HipLog.Domain.Webhooks;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;

namespace HipLog.Tests.Webhooks;

/// <summary>
/// A routine delivered to a receiver that answers 500 the first time and 200 the second, through the real Api and Worker: run
/// once, and each test reads one thing the receiver or the runner saw.
/// </summary>
public sealed class DeliveredWebhook : IAsyncLifetime
{
    public const string Runner = "runner-webhook";

    private WebhookReceiver? receiver;
    private WatchScenario? scenario;

    public ProfileResponse Profile { get; private set; } = null!;

    /// <summary>The profile read back after it was set.</summary>
    public ProfileResponse ReadBack { get; private set; } = null!;

    public string Secret => Profile.WebhookSecret!;

    public RecommendationView Scheduled { get; private set; } = null!;

    public IReadOnlyList<(Dictionary<string, string> Headers, string Body, int Answer)> Attempts { get; private set; } = [];

    /// <summary>The routine as the inbox shows it once delivered.</summary>
    public RecommendationPayload Delivered { get; private set; } = null!;

    public WebhookDeliveryResponse Delivery { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        receiver = await WebhookReceiver.StartAsync(500, 200);
        scenario = await WatchScenario.StartAsync("webhook", DateTimeOffset.Parse("2026-11-25T06:29:57Z"),
            settings: WatchScenario.LoopbackWebhooks);
        var runner = scenario.Api.Runner(Runner);
        Profile = await runner.Profiles.SetAsync(Sample.Profile("Ana") with { WebhookUrl = receiver.Url });
        ReadBack = await runner.Profiles.ReadAsync();

        await runner.Pain.CreateAsync(Sample.Pain("2026-11-25T07:25:00+01:00", 6));
        Scheduled = await scenario.WaitFor(Runner, r => r.Status == RecommendationStatus.Scheduled, "the routine");
        scenario.Clock.SetUtcNow(DateTimeOffset.Parse("2026-11-25T06:30:00Z"));

        await Eventually.Get(async () => receiver.Received.Count >= 2 ? "two" : await Task.FromResult<string?>(null),
            "the retry after the 500");
        Attempts = receiver.Received.ToArray();
        Delivery = (await runner.Webhooks.DeliveriesOnceAsync(l => l is [{ State: WebhookDeliveryState.Delivered }], "the delivery record"))
            .Single();
        Delivered = await runner.Watch.ReadAsync(Scheduled.Id);
    }

    public async Task DisposeAsync()
    {
        if (scenario is not null)
            await scenario.DisposeAsync();
        if (receiver is not null)
            await receiver.DisposeAsync();
    }
}

[Collection(PainWatchCollection.Name)]
public sealed class receiving_webhooks(DeliveredWebhook hook) : IClassFixture<DeliveredWebhook>
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
    public void the_signing_secret_is_shown_only_in_the_answer_that_made_it()
    {
        hook.Secret.ShouldStartWith("whsec_");
        hook.ReadBack.ShouldBe(hook.Profile with { WebhookSecret = null });
    }

    [Fact]
    public void a_post_answered_500_is_tried_again()
    {
        hook.Attempts.Select(a => a.Answer).ShouldBe([500, 200]);
    }

    [Fact]
    public void every_attempt_is_signed_with_the_runners_secret()
    {
        hook.Attempts.ShouldAllBe(a => SignatureIsValid(hook.Secret, a.Headers, a.Body));
    }

    [Fact]
    public void a_body_changed_on_the_way_fails_the_signature()
    {
        var last = hook.Attempts[1];

        SignatureIsValid(hook.Secret, last.Headers, last.Body.Replace("delivered", "dismissed")).ShouldBeFalse();
    }

    [Fact]
    public void every_attempt_carries_the_same_message_id()
    {
        hook.Attempts.Select(a => a.Headers["webhook-id"]).Distinct().ShouldBe([$"msg_{hook.Scheduled.Id}"]);
    }

    [Fact]
    public void the_timestamp_is_the_time_of_delivery()
    {
        long.Parse(hook.Attempts[0].Headers["webhook-timestamp"], CultureInfo.InvariantCulture)
            .ShouldBe(DateTimeOffset.Parse("2026-11-25T06:30:00Z").ToUnixTimeSeconds());
    }

    [Fact]
    public void the_body_is_the_delivered_routine_as_the_inbox_shows_it()
    {
        var post = WebhookPost.Of(hook.Attempts[1].Body);

        post.Type.ShouldBe("recommendation.delivered");
        post.Data.ShouldReadAs(hook.Delivered);
        (post.Data.Id, post.Data.Status).ShouldBe((hook.Scheduled.Id, RecommendationStatus.Delivered));
        post.Data.Exercises.ShouldNotBeEmpty();
    }

    [Fact]
    public void the_runner_sees_each_attempt_of_the_delivery()
    {
        hook.Delivery.Attempts.Select(a => a.Status).ShouldBe([500, 200]);
        hook.Delivery.Attempts[0].Error.ShouldBe("http-500");
    }

    [Fact]
    public async Task a_410_switches_the_webhook_off_until_the_runner_sets_it_again()
    {
        await using var receiver = await WebhookReceiver.StartAsync(410);
        await using var scenario = await WatchScenario.StartAsync("webhookgone", DateTimeOffset.Parse("2026-11-25T20:00:00Z"),
            settings: WatchScenario.LoopbackWebhooks);
        var runner = scenario.Api.Runner(Runner);
        var profile = Sample.Profile("Ana") with { WebhookUrl = receiver.Url };
        await runner.Profiles.SetAsync(profile);

        await runner.Pain.CreateAsync(Sample.Pain("2026-11-25T20:55:00+01:00", 8));

        var disabled = await Eventually.Get(async () => (await runner.Profiles.ReadAsync()).WebhookDisabled, "the webhook switched off");
        disabled.ShouldContain("410");
        receiver.Received.Count.ShouldBe(1);
        var again = (await runner.Profiles.PutAsync(profile)).Is<ProfileResponse>(HttpStatusCode.OK);
        (again.WebhookDisabled, again.WebhookSecret).ShouldBe((null, null));
    }
}

/// <summary>
/// The Worker may use plain http here, but not reach private networks. The URL is written straight into the store, as if accepted
/// before the rules or re-pointed by DNS after it was set: only the connect-time check stands. A red-flag answer sends one post.
/// </summary>
public sealed class RefusedWebhook : IAsyncLifetime
{
    public const string Runner = "runner-webhook";

    private WatchScenario? scenario;

    public WebhookReceiver Receiver { get; private set; } = null!;

    public WebhookDeliveryResponse Delivery { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Receiver = await WebhookReceiver.StartAsync(200);
        scenario = await WatchScenario.StartAsync("webhookrefused", DateTimeOffset.Parse("2026-11-25T20:00:00Z"),
            settings: new Dictionary<string, string?> { ["Webhooks:AllowHttp"] = "true" });
        var runner = scenario.Api.Runner(Runner);
        await runner.Profiles.SetAsync(Sample.Profile("Ana"));
        var rebound = Receiver.Url.Replace("127.0.0.1", "localhost");
        await using (var session = scenario.Api.Store.LightweightSession())
        {
            session.Store(new WebhookSubscription(Runner, rebound, "whsec_" + Convert.ToBase64String(new byte[32]), false, null,
                DateTimeOffset.UtcNow));
            await session.SaveChangesAsync();
        }

        await runner.Pain.CreateAsync(Sample.Pain("2026-11-25T20:30:00+01:00", 3) with
        {
            Timing = PainTiming.AtNight, RedFlags = new(PainAtNight: true),
        });
        Delivery = (await runner.Webhooks.DeliveriesOnceAsync(l => l is [{ Attempts.Count: > 0 }], "the refused attempt")).Single();
    }

    public async Task DisposeAsync()
    {
        if (scenario is not null)
            await scenario.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}

[Collection(PainWatchCollection.Name)]
public sealed class refusing_a_webhook_when_connecting(RefusedWebhook hook) : IClassFixture<RefusedWebhook>
{
    [Fact]
    public void a_name_that_resolves_to_this_machine_is_refused_when_connecting()
    {
        hook.Delivery.Attempts[0].Status.ShouldBeNull();
        hook.Receiver.Received.ShouldBeEmpty();
    }

    [Fact]
    public void the_runner_sees_only_the_category_of_the_refusal()
    {
        hook.Delivery.Attempts[0].Error.ShouldBe("refused-destination");
    }
}
