using System.Text.Json.Serialization;
using HipLog.Api.Http.Lists;
using HipLog.Api.Http.Problems;
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
    int? PerceivedEffort,
    Surface? Surface,
    string? RouteName,
    string? Shoes,
    string? Notes,
    int Corrections,
    double? ElevationGainM,
    int? AvgHeartRate,
    int? MaxHeartRate,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Note = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<RunResponse>? Items = null)
{
    public static RunResponse From(RunLogged e) => From(RunView.Of(e));

    public static string PathOf(RunLogged e) => $"/runners/{e.RunnerId}/runs/{e.RunId}";

    public static RunResponse From(RunView v) =>
        new(v.Id, v.Run.StartedAt, v.Run.DistanceKm, v.Run.DurationSeconds, v.Run.PerceivedEffort, v.Run.Surface,
            v.Run.RouteName, v.Run.Shoes, v.Run.Notes, v.Corrections, v.Run.ElevationGainM, v.Run.AvgHeartRate, v.Run.MaxHeartRate);
}

public static class ListRunsEndpoint
{
    /// <summary>The runner's runs, oldest first. from and to are local dates (yyyy-MM-dd, both days included) or date-times with an
    /// offset.</summary>
    [WolverineGet("/runners/{runnerId}/runs"), Tags("Runs"), EndpointSummary("List runs")]
    [ProducesResponseType<Page<RunResponse>>(StatusCodes.Status200OK),
        ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest)]
    public static Task<IResult> List(string runnerId, string? from, string? to, string? limit, string? cursor, IQuerySession session,
        CancellationToken ct) =>
        LogEntries.ListAsync<RunView>(runnerId, from, to, limit, cursor, session, RunResponse.From, ct);

    [WolverineGet("/runners/{runnerId}/runs/{runId}"), Tags("Runs"), EndpointSummary("Read one run")]
    [ProducesResponseType<RunResponse>(StatusCodes.Status200OK), ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static async Task<IResult> Get(string runnerId, Guid runId, IQuerySession session, CancellationToken ct) =>
        await LogEntries.FindAsync<RunView>(session, runnerId, runId, ct) is { } run
            ? Results.Ok(RunResponse.From(run))
            : Problem.NotFound("run with this id in this runner's log");
}
