using System.Net;
using System.Text.Json;
using HipLog.Api.Http.Lists;
using HipLog.Api.Webhooks;
using HipLog.Domain.Watch;

namespace HipLog.Tests.Support.Clients;

/// <summary>What HipLog recorded of its posts to the runner's webhook.</summary>
public sealed class WebhooksClient(RunnerClient runner)
{
    public async Task<IReadOnlyList<WebhookDeliveryResponse>> DeliveriesAsync() =>
        (await runner.GetAsync($"{runner.Path}/webhook-deliveries")).Is<Page<WebhookDeliveryResponse>>(HttpStatusCode.OK).Items;

    /// <summary>The deliveries once they satisfy the condition.</summary>
    public Task<IReadOnlyList<WebhookDeliveryResponse>> DeliveriesOnceAsync(Func<IReadOnlyList<WebhookDeliveryResponse>, bool> condition,
        string what) =>
        Eventually.Get(async () => await DeliveriesAsync() is var list && condition(list) ? list : null, what);
}

/// <summary>A webhook post's body as the receiver reads it: the event's type and the recommendation as the inbox shows it.</summary>
public sealed record WebhookPost(string Type, RecommendationPayload Data)
{
    public static WebhookPost Of(string body) => JsonSerializer.Deserialize<WebhookPost>(body, HipLog.Domain.Wire.HipLogJson.Wire)!;
}
