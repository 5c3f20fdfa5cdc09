using HipLog.Api.Infrastructure;
using HipLog.Domain.Runs;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HipLog.Api.Runs;

/// <param name="StartedAt">When the run started, in the runner's world, with its UTC offset.</param>
/// <param name="DistanceKm">More than 0 and at most 300.</param>
/// <param name="DurationSeconds">Moving time, more than 0 and under 48 hours.</param>
/// <param name="PerceivedEffort">Rating of perceived exertion, 1 (very easy) to 10 (maximal).</param>
public sealed record LogRunRequest(
    DateTimeOffset? StartedAt,
    double? DistanceKm,
    int? DurationSeconds,
    int? PerceivedEffort,
    Surface? Surface,
    string? RouteName,
    string? Shoes,
    string? Notes);

public static class LogRunEndpoint
{
    public static ProblemDetails Validate(LogRunRequest? request, TimeProvider clock) =>
        request is null ? Problems.MissingBody() : RunFields.Check(request, clock.GetUtcNow()).ToProblem();

    [WolverinePost("/runners/{runnerId}/runs"), Tags("Runs")]
    [ProducesResponseType<RunResponse>(StatusCodes.Status201Created)]
    public static IResult Post(string runnerId, LogRunRequest request, IDocumentSession session)
    {
        var logged = new RunLogged(
            runnerId, Guid.CreateVersion7(), request.DistanceKm!.Value, request.DurationSeconds!.Value,
            request.PerceivedEffort!.Value, request.Surface!.Value,
            request.RouteName?.Trim(), request.Shoes?.Trim(), request.Notes, request.StartedAt!.Value);
        session.Events.Append(runnerId, logged);
        return Results.Created($"/runners/{runnerId}/runs/{logged.RunId}", RunResponse.From(RunViewProjection.Create(logged)));
    }
}

/// <summary>The rules every run's fields obey (DESIGN §2), for logging and for correcting a run.</summary>
public static class RunFields
{
    public static FieldErrors Check(LogRunRequest r, DateTimeOffset now) => new FieldErrors()
        .Required("startedAt", r.StartedAt)
        .When(r.StartedAt > now + RunLimits.MaxAheadOfNow, "startedAt", "Must not be more than 24 hours in the future.")
        .Required("distanceKm", r.DistanceKm)
        .When(r.DistanceKm is <= 0 or > RunLimits.MaxDistanceKm, "distanceKm", $"Must be more than 0 and at most {RunLimits.MaxDistanceKm} km.")
        .Required("durationSeconds", r.DurationSeconds)
        .When(r.DurationSeconds is <= 0 or >= RunLimits.MaxDurationSeconds, "durationSeconds", "Must be more than 0 and under 48 hours (172800 s).")
        .Required("perceivedEffort", r.PerceivedEffort)
        .When(r.PerceivedEffort is < RunLimits.MinEffort or > RunLimits.MaxEffort, "perceivedEffort", "Must be a whole number from 1 to 10.")
        .Required("surface", r.Surface)
        .Text("routeName", r.RouteName, RunLimits.MaxNameLength)
        .Text("shoes", r.Shoes, RunLimits.MaxNameLength)
        .Text("notes", r.Notes, RunLimits.MaxNotesLength);
}
