using HipLog.Api.Http.Lists;
using HipLog.Api.Http.Problems;
using HipLog.Api.Profiles;
using HipLog.Domain.Watch;
using HipLog.Domain.Wire;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HipLog.Api.Watch;

public static class ListRecommendationsEndpoint
{
    private static readonly Dictionary<string, RecommendationStatus> Statuses =
        Enum.GetValues<RecommendationStatus>().ToDictionary(s => Kebab.Of(s));

    public static readonly PagedList<RecommendationView, string> Paged = new(
        "recommendations", r => r.DetectedAt, "hiplog.mt_immutable_timestamptz(d.data ->> 'detectedAt')", r => r.Id, PagedIds.Text,
            NewestFirst: true);

    /// <summary>
    /// The runner's recommendations, newest first, a page at a time. Without status: the open ones (scheduled, delivered,
    /// acknowledged); status=completed|dismissed|superseded|… for one status, or status=all.
    /// </summary>
    [WolverineGet("/runners/{runnerId}/recommendations"), Tags("Recommendations"), EndpointSummary("List recommendations")]
    [ProducesResponseType<Page<RecommendationPayload>>(StatusCodes.Status200OK),
        ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest)]
    public static Task<IResult> List(string runnerId, string? status, string? limit, string? cursor, IQuerySession session,
        CancellationToken ct) => ListAsync(runnerId, status, limit, cursor, session, ct);

    /// <param name="notBefore">No recommendation detected before it is listed (a clinician's share starts there).</param>
    public static async Task<IResult> ListAsync(string runnerId, string? status, string? limit, string? cursor, IQuerySession session,
        CancellationToken ct, DateTimeOffset? notBefore = null)
    {
        var errors = new FieldErrors()
            .When(status is not (null or "all") && !Statuses.ContainsKey(status), "status",
            $"Use all or one of: {string.Join(", ", Statuses.Keys)}.");
        var page = Paged.Read(limit, cursor, errors);
        if (!errors.IsEmpty)
            return Results.Problem(errors.ToProblem());

        RecommendationStatus[] wanted = status switch
        {
            null => [RecommendationStatus.Scheduled, RecommendationStatus.Delivered, RecommendationStatus.Acknowledged],
            "all" => Enum.GetValues<RecommendationStatus>(),
            _ => [Statuses[status]],
        };
        var zone = await RunnerZone.LoadAsync(session, runnerId, ct);
        // Walks the index on (runner, detectedAt, id) from the cursor; the status is a filter on the rows it meets.
        var query = session.Query<RecommendationView>().Where(r => r.RunnerId == runnerId);
        if (status != "all")
            query = query.Where(r => wanted.Contains(r.Status));
        if (notBefore is { } first)
            query = query.Where(r => r.DetectedAt >= first);
        return Results.Ok(await Paged.ReadAsync(query, page, r => RecommendationPayload.From(r, zone), ct));
    }

    [WolverineGet("/runners/{runnerId}/recommendations/{recommendationId}"), Tags("Recommendations"),
        EndpointSummary("Read one recommendation")]
    [ProducesResponseType<RecommendationPayload>(StatusCodes.Status200OK),
        ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static async Task<IResult> Get(string runnerId, string recommendationId, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<RecommendationView>(recommendationId, ct) is { } found && found.RunnerId == runnerId
            ? Results.Ok(RecommendationPayload.From(found, await RunnerZone.LoadAsync(session, runnerId, ct)))
            : Problem.NotFound("recommendation with this id for this runner");
}
