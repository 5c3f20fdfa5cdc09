using HipLog.Api.Http.Problems;
using HipLog.Api.Http.Writes;
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
/// <param name="ElevationGainM">Metres climbed, 0 to 30000; optional.</param>
public sealed record RunRequest(
    DateTimeOffset? StartedAt,
    double? DistanceKm,
    int? DurationSeconds,
    int? PerceivedEffort,
    Surface? Surface,
    string? RouteName = null,
    string? Shoes = null,
    string? Notes = null,
    double? ElevationGainM = null) : ICheckedRequest
{
    public const double MaxElevationGainM = 30_000;

    FieldErrors ICheckedRequest.CheckFields(IServiceProvider services) => Check(services.GetRequiredService<TimeProvider>().GetUtcNow());

    /// <summary>The rules every run obeys (DESIGN §2), when it is logged and when it is corrected.</summary>
    /// <param name="fromFile">
    /// A run imported from a file, or one corrected by a patch that keeps what such a run lacks: effort and surface
    /// may be missing (the file does not say them), but are checked when given.
    /// </param>
    public FieldErrors Check(DateTimeOffset now, bool fromFile = false) => new FieldErrors()
        .Moment("startedAt", StartedAt, now)
        .Required("distanceKm", DistanceKm)
        .When(DistanceKm is <= 0 or > RunLimits.MaxDistanceKm, "distanceKm", $"Must be more than 0 and at most {RunLimits.MaxDistanceKm} km.")
        .Required("durationSeconds", DurationSeconds)
        .When(DurationSeconds is <= 0 or >= RunLimits.MaxDurationSeconds, "durationSeconds", "Must be more than 0 and under 48 hours (172800 s).")
        .When(!fromFile && PerceivedEffort is null, "perceivedEffort", "Required.")
        .When(PerceivedEffort is < RunLimits.MinEffort or > RunLimits.MaxEffort, "perceivedEffort", "Must be a whole number from 1 to 10.")
        .When(!fromFile && Surface is null, "surface", "Required.")
        .When(ElevationGainM is < 0 or > MaxElevationGainM || ElevationGainM is { } gain && !double.IsFinite(gain), "elevationGainM",
            $"Must be from 0 to {MaxElevationGainM} m.")
        .Text("routeName", RouteName, RunLimits.MaxNameLength)
        .Text("shoes", Shoes, RunLimits.MaxNameLength)
        .Text("notes", Notes, EntryLimits.MaxNotesLength);

    public RunDetails ToDetails() =>
        new(DistanceKm!.Value, DurationSeconds!.Value, PerceivedEffort, Surface,
            RouteName?.Trim(), Shoes?.Trim(), Notes, StartedAt!.Value, ElevationGainM);

    public static RunRequest From(RunDetails r) =>
        new(r.StartedAt, r.DistanceKm, r.DurationSeconds, r.PerceivedEffort, r.Surface, r.RouteName, r.Shoes, r.Notes, r.ElevationGainM);

    public static ProblemDetails Validate(RunRequest? request, TimeProvider clock, bool fromFile = false) =>
        request is null ? Problem.MissingBody() : request.Check(clock.GetUtcNow(), fromFile).ToProblem();
}

public static class LogRunEndpoint
{
    public static ProblemDetails Validate(RunRequest? request, TimeProvider clock) => RunRequest.Validate(request, clock);

    [WolverinePost("/runners/{runnerId}/runs"), Tags("Runs"), EndpointSummary("Log a run")]
    [ProducesResponseType<RunResponse>(StatusCodes.Status201Created)]
    public static (IResult, IMartenOp) Post(string runnerId, RunRequest request, IDocumentSession session, HttpContext http)
    {
        var (answer, logged) = Log(runnerId, request.ToDetails(), session, http);
        return (answer, MartenOps.Append(runnerId, logged));
    }

    /// <summary>
    /// How a run enters a log, typed in or imported from a file: its event, its 201 answer with a Location (recorded
    /// for an Idempotency-Key), and the runner's turn and idempotency taken by the middleware around every write.
    /// </summary>
    /// <param name="answer">What the answer's body holds, from the run (the run itself unless given).</param>
    public static (IResult Answer, RunLogged Logged) Log(string runnerId, RunDetails details, IDocumentSession session, HttpContext http,
        Func<RunResponse, object>? answer = null)
    {
        var logged = new RunLogged(runnerId, Guid.CreateVersion7(), details);
        var run = RunResponse.From(new RunView(logged.RunId, runnerId, logged.Run, 0));
        return (Written.Created(http, session, $"/runners/{runnerId}/runs/{logged.RunId}", answer?.Invoke(run) ?? run), logged);
    }
}
