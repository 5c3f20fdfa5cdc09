using HipLog.Domain.Watch;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HipLog.Api.Recommendations;

public sealed record WebhookDeliveryResponse(string Id, string RecommendationId, string Url, WebhookDeliveryState State, IReadOnlyList<WebhookAttempt> Attempts, DateTimeOffset CreatedAt);

public static class ListWebhookDeliveriesEndpoint
{
    /// <summary>Every recommendation posted to the runner's webhook, newest first, with each attempt's answer.</summary>
    [WolverineGet("/runners/{runnerId}/webhook-deliveries"), Tags("Recommendations"), EndpointSummary("List webhook deliveries")]
    [ProducesResponseType<WebhookDeliveryResponse[]>(StatusCodes.Status200OK)]
    public static async Task<IEnumerable<WebhookDeliveryResponse>> Get(string runnerId, IQuerySession session, CancellationToken ct) =>
        (await session.Query<WebhookDelivery>().Where(d => d.RunnerId == runnerId).OrderByDescending(d => d.CreatedAt).ToListAsync(ct))
        .Select(d => new WebhookDeliveryResponse(d.Id, d.RecommendationId, d.Url, d.State,
            d.Attempts.Select(a => a with { Error = WebhookAttemptCategory.Shown(a.Error) }).ToList(), d.CreatedAt));
}
