using HipLog.Api.Infrastructure;
using HipLog.Domain.Runs;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace HipLog.Api.Runs;

/// <param name="StartedAt">When the run started, in the runner's world, with its UTC offset.</param>
/// <param name="DistanceKm">More than 0 and at most 300.</param>
/// <param name="DurationSeconds">Moving time, more than 0 and under 48 hours.</param>
/// <param name="PerceivedEffort">Rating of perceived exertion, 1 (very easy) to 10 (maximal).</param>
public sealed record RunRequest(
    DateTimeOffset? StartedAt,
    double? DistanceKm,
    int? DurationSeconds,
    int? PerceivedEffort,
    Surface? Surface,
    string? RouteName = null,
    string? Shoes = null,
    string? Notes = null) : ICheckedRequest
{
    FieldErrors ICheckedRequest.CheckFields(IServiceProvider services) => Check(services.GetRequiredService<TimeProvider>().GetUtcNow());

    /// <summary>The rules every run obeys (DESIGN §2), when it is logged and when it is corrected.</summary>
    public FieldErrors Check(DateTimeOffset now) => new FieldErrors()
        .Moment("startedAt", StartedAt, now)
        .Required("distanceKm", DistanceKm)
        .When(DistanceKm is <= 0 or > RunLimits.MaxDistanceKm, "distanceKm", $"Must be more than 0 and at most {RunLimits.MaxDistanceKm} km.")
        .Required("durationSeconds", DurationSeconds)
        .When(DurationSeconds is <= 0 or >= RunLimits.MaxDurationSeconds, "durationSeconds", "Must be more than 0 and under 48 hours (172800 s).")
        .Required("perceivedEffort", PerceivedEffort)
        .When(PerceivedEffort is < RunLimits.MinEffort or > RunLimits.MaxEffort, "perceivedEffort", "Must be a whole number from 1 to 10.")
        .Required("surface", Surface)
        .Text("routeName", RouteName, RunLimits.MaxNameLength)
        .Text("shoes", Shoes, RunLimits.MaxNameLength)
        .Text("notes", Notes, EntryLimits.MaxNotesLength);

    public RunDetails ToDetails() =>
        new(DistanceKm!.Value, DurationSeconds!.Value, PerceivedEffort!.Value, Surface!.Value,
            RouteName?.Trim(), Shoes?.Trim(), Notes, StartedAt!.Value);

    public static ProblemDetails Validate(RunRequest? request, TimeProvider clock) =>
        request is null ? Problems.MissingBody() : request.Check(clock.GetUtcNow()).ToProblem();
}

public static class LogRunEndpoint
{
    public static ProblemDetails Validate(RunRequest? request, TimeProvider clock) => RunRequest.Validate(request, clock);

    [WolverinePost("/runners/{runnerId}/runs"), Tags("Runs"), EndpointSummary("Log a run")]
    [ProducesResponseType<RunResponse>(StatusCodes.Status201Created)]
    public static (IResult, IMartenOp) Post(string runnerId, RunRequest request, IDocumentSession session, HttpContext http)
    {
        var logged = new RunLogged(runnerId, Guid.CreateVersion7(), request.ToDetails());
        return (Written.Created(http, session, $"/runners/{runnerId}/runs/{logged.RunId}", RunResponse.From(new RunView(logged.RunId, runnerId, logged.Run, 0))),
            MartenOps.Append(runnerId, logged));
    }
}
