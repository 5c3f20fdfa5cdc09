using HipLog.Api.Webhooks;
using HipLog.Domain.Pain;
using HipLog.Domain.Watch;
using HipLog.Domain.Webhooks;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;

namespace HipLog.Tests.Http;

/// <summary>The lists the Worker fills, recommendations and webhook deliveries, page newest first on the runner's clock.</summary>
public sealed class paging_newest_first(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HipLogApi api = fixture.Api;

    [Fact]
    public async Task recommendations_page_newest_first()
    {
        var (runner, expected) = await FiveReferralsAsync("runner-page-inbox");

        var listed = await runner.AllAsync<RecommendationPayload>($"{runner.Watch.Path}?status=all", limit: 2);

        listed.Select(r => r.Id).ShouldBe(expected);
    }

    [Fact]
    public async Task a_referral_stamped_in_utc_is_read_on_the_runners_clock()
    {
        var (runner, expected) = await FiveReferralsAsync("runner-page-inbox-clock");

        var oldest = (await runner.Watch.ListAsync("all")).Single(r => r.Id == expected[^1]);

        // Berlin is UTC+1 in November.
        (oldest.DetectedAt.OnTheirClock(), oldest.DueAt.OnTheirClock(), oldest.DeliveredAt.OnTheirClock())
            .ShouldBe(("2026-11-20T07:00:00+01:00", "2026-11-20T07:00:01+01:00", "2026-11-20T07:00:01+01:00"));
    }

    [Fact]
    public async Task webhook_deliveries_page_newest_first_on_the_runners_clock()
    {
        var (runner, expected) = await FiveReferralsAsync("runner-page-deliveries");

        var deliveries = await runner.AllAsync<WebhookDeliveryResponse>($"{runner.Path}/webhook-deliveries", limit: 3);

        deliveries.Select(d => d.RecommendationId).ShouldBe(expected);
        var oldest = deliveries[^1];
        (oldest.CreatedAt.OnTheirClock(), oldest.Attempts.Single().At.OnTheirClock())
            .ShouldBe(("2026-11-20T07:00:02+01:00", "2026-11-20T07:00:02+01:00"));
    }

    /// <summary>Five referrals with their deliveries, written as the Worker writes them; two at the same instant, told apart by id.
    /// Answers them newest first.</summary>
    private async Task<(RunnerClient Runner, List<string> NewestFirst)> FiveReferralsAsync(string runnerId)
    {
        var runner = api.Runner(runnerId);
        await runner.Profiles.SetAsync(Sample.Profile("Ana", "Europe/Berlin"));
        var detected = new DateTimeOffset(2026, 11, 20, 6, 0, 0, TimeSpan.Zero);
        var referrals = Enumerable.Range(0, 5)
            .Select(i => (Id: RecommendationIds.For(Guid.CreateVersion7()), At: detected.AddHours(i == 4 ? 3 : i)))
            .ToList();
        await using (var session = api.Store.LightweightSession())
        {
            foreach (var (id, at) in referrals)
            {
                session.Events.StartStream<RecommendationView>(id,
                    new PainRiseDetected(id, runnerId, Guid.NewGuid(), PainLocation.FrontHip, BodySide.Left, ["red-flag:pain-at-night"], [],
                        null, null, DateOnly.FromDateTime(at.UtcDateTime), at),
                    new ClinicianReferralAdvised(id, runnerId, "See a clinician.", at.AddSeconds(1)));
                session.Store(new WebhookDelivery(WebhookDelivery.IdFor(id), runnerId, id, "https://hooks.example/hiplog",
                    WebhookDeliveryState.Delivered, [new WebhookAttempt(at.AddSeconds(2), 200, null)], at.AddSeconds(2)));
            }

            await session.SaveChangesAsync();
        }

        return (runner, referrals.OrderByDescending(r => r.At).ThenByDescending(r => r.Id, StringComparer.Ordinal).Select(r => r.Id)
            .ToList());
    }
}
