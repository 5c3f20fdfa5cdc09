using HipLog.Api.Hosting;
using HipLog.Api.Http.Problems;
using HipLog.Api.Http.Writes;
using HipLog.Domain.Runs;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace HipLog.Api.Runs;

/// <param name="StartedAt">When the run started, in the runner's world, with its UTC offset.</param>
/// <param name="DistanceKm">More than 0 and at most 300.</param>
/// <param name="DurationSeconds">Moving time, more than 0 and under 48 hours.</param>
/// <param name="PerceivedEffort">Rating of perceived exertion, 1 (very easy) to 10 (maximal).</param>
/// <param name="ElevationGainM">Metres climbed, 0 to 30000; optional.</param>
/// <param name="AvgHeartRate">Average heart rate in beats per minute, 25 to 250; optional.</param>
/// <param name="MaxHeartRate">Highest heart rate in beats per minute, 25 to 250 and not below the average; optional.</param>
[OpenApiExample("""
    { "startedAt": "2026-11-25T07:10:00+01:00", "distanceKm": 8.4, "durationSeconds": 2700, "perceivedEffort": 6, "surface": "trail",
      "routeName": "Riverside loop", "shoes": "Trail 3", "notes": "Easy, a little tight at the front of the left hip" }
    """)]
public sealed record RunRequest(
    DateTimeOffset? StartedAt,
    double? DistanceKm,
    int? DurationSeconds,
    int? PerceivedEffort,
    Surface? Surface,
    string? RouteName = null,
    string? Shoes = null,
    string? Notes = null,
    double? ElevationGainM = null,
    int? AvgHeartRate = null,
    int? MaxHeartRate = null) : ICheckedRequest
{
    public const double MaxElevationGainM = 30_000;
    private const string HeartRateRange = "Must be a whole number of beats per minute from 25 to 250.";

    FieldErrors ICheckedRequest.CheckFields(IServiceProvider services) => Check(services.GetRequiredService<TimeProvider>().GetUtcNow());

    /// <summary>The rules every run obeys (docs/api.md, "Fields"), when it is logged and when it is corrected.</summary>
    /// <param name="fromFile">
    /// A run imported from a file, or one corrected by a patch that keeps what such a run lacks: effort and surface
    /// may be missing (the file does not say them), but are checked when given.
    /// </param>
    public FieldErrors Check(DateTimeOffset now, bool fromFile = false) => new FieldErrors()
        .Moment("startedAt", StartedAt, now)
        .Required("distanceKm", DistanceKm)
        .When(DistanceKm is <= 0 or > RunLimits.MaxDistanceKm, "distanceKm",
            $"Must be more than 0 and at most {RunLimits.MaxDistanceKm} km.")
        .Required("durationSeconds", DurationSeconds)
        .When(DurationSeconds is <= 0 or >= RunLimits.MaxDurationSeconds, "durationSeconds",
            "Must be more than 0 and under 48 hours (172800 s).")
        .When(!fromFile && PerceivedEffort is null, "perceivedEffort", "Required.")
        .When(PerceivedEffort is < RunLimits.MinEffort or > RunLimits.MaxEffort, "perceivedEffort", "Must be a whole number from 1 to 10.")
        .When(!fromFile && Surface is null, "surface", "Required.")
        .When(ElevationGainM is < 0 or > MaxElevationGainM || ElevationGainM is { } gain && !double.IsFinite(gain), "elevationGainM",
            $"Must be from 0 to {MaxElevationGainM} m.")
        .When(AvgHeartRate is < RunLimits.MinHeartRate or > RunLimits.MaxHeartRate, "avgHeartRate", HeartRateRange)
        .When(MaxHeartRate is < RunLimits.MinHeartRate or > RunLimits.MaxHeartRate, "maxHeartRate", HeartRateRange)
        .When(AvgHeartRate > MaxHeartRate, "maxHeartRate", "Must not be below avgHeartRate.")
        .Text("routeName", RouteName, RunLimits.MaxNameLength)
        .Text("shoes", Shoes, RunLimits.MaxNameLength)
        .Text("notes", Notes, EntryLimits.MaxNotesLength);

    public RunDetails ToDetails() =>
        new(DistanceKm!.Value, DurationSeconds!.Value, PerceivedEffort, Surface,
            RouteName?.Trim(), Shoes?.Trim(), Notes, StartedAt!.Value, ElevationGainM, AvgHeartRate, MaxHeartRate);

    public static RunRequest From(RunDetails r) =>
        new(r.StartedAt, r.DistanceKm, r.DurationSeconds, r.PerceivedEffort, r.Surface, r.RouteName, r.Shoes, r.Notes, r.ElevationGainM,
            r.AvgHeartRate, r.MaxHeartRate);

    public static ProblemDetails Validate(RunRequest? request, TimeProvider clock, bool fromFile = false) =>
        request is null ? Problem.MissingBody() : request.Check(clock.GetUtcNow(), fromFile).ToProblem();
}

public static class LogRunEndpoint
{
    public static ProblemDetails Validate(RunRequest? request, TimeProvider clock) => RunRequest.Validate(request, clock);

    [WolverinePost("/runners/{runnerId}/runs"), Tags("Runs"), EndpointSummary("Log a run")]
    [ProducesResponseType<RunResponse>(StatusCodes.Status201Created)]
    public static (Written<RunResponse>, IMartenOp) Post(string runnerId, RunRequest request)
    {
        var logged = RunLog.Log(runnerId, Guid.CreateVersion7(), request.ToDetails());
        return (Written.Created(RunResponse.PathOf(logged), RunResponse.From(logged)), MartenOps.Append(runnerId, logged));
    }
}
