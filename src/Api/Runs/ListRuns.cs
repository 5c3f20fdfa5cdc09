using HipLog.Api.Infrastructure;
using HipLog.Domain.Runners;
using HipLog.Domain.Runs;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HipLog.Api.Runs;

public sealed record RunResponse(
    Guid Id,
    DateTimeOffset StartedAt,
    double DistanceKm,
    int DurationSeconds,
    int PerceivedEffort,
    Surface Surface,
    string? RouteName,
    string? Shoes,
    string? Notes)
{
    public static RunResponse From(RunView v) =>
        new(v.Id, v.StartedAt, v.DistanceKm, v.DurationSeconds, v.PerceivedEffort, v.Surface, v.RouteName, v.Shoes, v.Notes);
}

public static class ListRunsEndpoint
{
    /// <summary>The runner's runs, oldest first. from and to are local dates (yyyy-MM-dd, both days included) or date-times with an offset.</summary>
    [WolverineGet("/runners/{runnerId}/runs"), Tags("Runs")]
    [ProducesResponseType<RunResponse[]>(StatusCodes.Status200OK)]
    public static async Task<IResult> List(string runnerId, string? from, string? to, IQuerySession session, CancellationToken ct)
    {
        var profile = await session.LoadAsync<RunnerProfile>(runnerId, ct);
        if (!TimeRange.TryParse(from, to, profile?.TimeZone, out var range, out var problem))
            return Results.Problem(problem);

        var query = session.Query<RunView>().Where(r => r.RunnerId == runnerId);
        if (range.From is { } start)
            query = query.Where(r => r.StartedAt >= start);
        if (range.To is { } end)
            query = query.Where(r => r.StartedAt < end);

        var runs = await query.OrderBy(r => r.StartedAt).ToListAsync(ct);
        return Results.Ok(runs.Select(RunResponse.From));
    }

    [WolverineGet("/runners/{runnerId}/runs/{runId}"), Tags("Runs")]
    [ProducesResponseType<RunResponse>(StatusCodes.Status200OK), ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static async Task<IResult> Get(string runnerId, Guid runId, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<RunView>(runId, ct) is { } run && run.RunnerId == runnerId
            ? Results.Ok(RunResponse.From(run))
            : Problems.NotFound("run with this id in this runner's log");
}
