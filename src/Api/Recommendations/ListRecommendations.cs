using HipLog.Api.Infrastructure;
using HipLog.Domain.Watch;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using HipLog.Domain.Wire;

namespace HipLog.Api.Recommendations;

public static class ListRecommendationsEndpoint
{
    private static readonly Dictionary<string, RecommendationStatus> Statuses =
        Enum.GetValues<RecommendationStatus>().ToDictionary(s => Kebab.Of(s));

    /// <summary>
    /// The runner's recommendations, newest first. Without status: the open ones (scheduled, delivered, acknowledged);
    /// status=completed|dismissed|superseded|… for one status, or status=all.
    /// </summary>
    [WolverineGet("/runners/{runnerId}/recommendations"), Tags("Recommendations"), EndpointSummary("List recommendations")]
    [ProducesResponseType<RecommendationPayload[]>(StatusCodes.Status200OK)]
    public static async Task<IResult> List(string runnerId, string? status, IQuerySession session, CancellationToken ct)
    {
        if (status is not (null or "all") && !Statuses.ContainsKey(status))
            return Results.Problem(new FieldErrors().Add("status", $"Use all or one of: {string.Join(", ", Statuses.Keys)}.").ToProblem());

        RecommendationStatus[] wanted = status switch
        {
            null => [RecommendationStatus.Scheduled, RecommendationStatus.Delivered, RecommendationStatus.Acknowledged],
            "all" => Enum.GetValues<RecommendationStatus>(),
            _ => [Statuses[status]],
        };
        // A runner has few recommendations: filtering their status here keeps the query on the runner index.
        var found = await session.Query<RecommendationView>().Where(r => r.RunnerId == runnerId).OrderByDescending(r => r.DetectedAt).ToListAsync(ct);
        return Results.Ok(found.Where(r => wanted.Contains(r.Status)).Select(RecommendationPayload.From));
    }

    [WolverineGet("/runners/{runnerId}/recommendations/{recommendationId}"), Tags("Recommendations"), EndpointSummary("Read one recommendation")]
    [ProducesResponseType<RecommendationPayload>(StatusCodes.Status200OK), ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static async Task<IResult> Get(string runnerId, string recommendationId, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<RecommendationView>(recommendationId, ct) is { } found && found.RunnerId == runnerId
            ? Results.Ok(RecommendationPayload.From(found))
            : Problems.NotFound("recommendation with this id for this runner");
}
