using HipLog.Api.Http.Lists;
using HipLog.Api.Http.Problems;
using HipLog.Api.Profiles;
using HipLog.Domain.Time;
using HipLog.Domain.Watch;
using HipLog.Domain.Webhooks;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HipLog.Api.Webhooks;

/// <param name="Id">msg_ and the recommendation id: the webhook-id header of every attempt.</param>
/// <param name="Url">The webhook URL it was posted to.</param>
/// <param name="State">pending (attempts left), delivered, failed (retries used up) or disabled (the receiver answered 410).</param>
/// <param name="Attempts">Each attempt's time, HTTP status (null when none came back) and error category.</param>
public sealed record WebhookDeliveryResponse(string Id, string RecommendationId, string Url, WebhookDeliveryState State,
    IReadOnlyList<WebhookAttempt> Attempts, DateTimeOffset CreatedAt)
{
    public static WebhookDeliveryResponse From(WebhookDelivery d, TimeZoneInfo zone) => new(d.Id, d.RecommendationId, d.Url, d.State,
        d.Attempts.Select(a => a with { At = LocalCalendar.InZone(a.At, zone), Error = WebhookAttemptCategory.Shown(a.Error) }).ToList(),
        LocalCalendar.InZone(d.CreatedAt, zone));
}

public static class ListWebhookDeliveriesEndpoint
{
    public static readonly PagedList<WebhookDelivery, string> Paged = new(
        "webhook-deliveries", d => d.CreatedAt, "hiplog.mt_immutable_timestamptz(d.data ->> 'createdAt')", d => d.Id, PagedIds.Text,
            NewestFirst: true);

    /// <summary>Every recommendation posted to the runner's webhook, newest first, a page at a time, with each attempt's answer.</summary>
    [WolverineGet("/runners/{runnerId}/webhook-deliveries"), Tags("Recommendations"), EndpointSummary("List webhook deliveries")]
    [ProducesResponseType<Page<WebhookDeliveryResponse>>(StatusCodes.Status200OK),
        ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest)]
    public static async Task<IResult> Get(string runnerId, string? limit, string? cursor, IQuerySession session, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var page = Paged.Read(limit, cursor, errors);
        if (!errors.IsEmpty)
            return Results.Problem(errors.ToProblem());
        var zone = await RunnerZone.LoadAsync(session, runnerId, ct);
        return Results.Ok(await Paged.ReadAsync(session.Query<WebhookDelivery>().Where(d => d.RunnerId == runnerId), page, d
            => WebhookDeliveryResponse.From(d, zone), ct));
    }
}
