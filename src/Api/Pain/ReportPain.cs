using HipLog.Api.Hosting;
using HipLog.Api.Http.Lists;
using HipLog.Api.Http.Problems;
using HipLog.Api.Http.Writes;
using HipLog.Domain.Pain;
using HipLog.Domain.Runs;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace HipLog.Api.Pain;

/// <summary>The red-flag answers; any that is omitted counts as "no".</summary>
public sealed record RedFlagsRequest(bool? PainAtRest = null, bool? PainAtNight = null, bool? CannotBearWeight = null,
    bool? PainWhenHopping = null)
{
    public RedFlags ToRedFlags() => new(PainAtRest ?? false, PainAtNight ?? false, CannotBearWeight ?? false, PainWhenHopping ?? false);
}

/// <param name="ReportedAt">When the pain was felt, with its UTC offset.</param>
/// <param name="Score">0 (no pain) to 10 (worst imaginable), a whole number.</param>
/// <param name="RunId">The run this pain came with, if any; it must be one of this runner's runs.</param>
/// <param name="RedFlags">Screening answers that make HipLog advise a clinician instead of stretches; omitted means all "no".</param>
[OpenApiExample("""
    { "reportedAt": "2026-11-25T09:00:00+01:00", "score": 4, "location": "front-hip", "side": "left", "timing": "after-run",
      "character": "ache",
      "runId": null, "redFlags": { "painAtRest": false, "painAtNight": false, "cannotBearWeight": false, "painWhenHopping": false },
      "notes": "Tight after the hills" }
    """)]
public sealed record PainReportRequest(
    DateTimeOffset? ReportedAt,
    int? Score,
    PainLocation? Location,
    BodySide? Side,
    PainTiming? Timing,
    PainCharacter? Character,
    Guid? RunId = null,
    RedFlagsRequest? RedFlags = null,
    string? Notes = null) : ICheckedRequest
{
    FieldErrors ICheckedRequest.CheckFields(IServiceProvider services) => Check(services.GetRequiredService<TimeProvider>().GetUtcNow());

    public FieldErrors Check(DateTimeOffset now) => new FieldErrors()
        .Moment("reportedAt", ReportedAt, now)
        .Required("score", Score)
        .When(Score is < PainScale.Min or > PainScale.Max, "score", "Must be a whole number from 0 to 10.")
        .Required("location", Location)
        .Required("side", Side)
        .Required("timing", Timing)
        .Required("character", Character)
        .Text("notes", Notes, EntryLimits.MaxNotesLength);

    public PainDetails ToDetails() =>
        new(Score!.Value, Location!.Value, Side!.Value, Timing!.Value, Character!.Value, RunId,
            RedFlags?.ToRedFlags() ?? Domain.Pain.RedFlags.None, Notes, ReportedAt!.Value);

    /// <summary>The request of a report as it stands, for a merge patch to change.</summary>
    public static PainReportRequest From(PainDetails r) =>
        new(r.ReportedAt, r.Score, r.Location, r.Side, r.Timing, r.Character, r.RunId,
            new RedFlagsRequest(r.RedFlags.PainAtRest, r.RedFlags.PainAtNight, r.RedFlags.CannotBearWeight, r.RedFlags.PainWhenHopping),
                r.Notes);

    public static ProblemDetails Validate(PainReportRequest? request, TimeProvider clock) =>
        request is null ? Problem.MissingBody() : request.Check(clock.GetUtcNow()).ToProblem();

    /// <summary>A linked run must be one of this runner's runs that still stands: a 422 otherwise.</summary>
    public async Task<ProblemDetails> CheckRunLinkAsync(string runnerId, IQuerySession session, CancellationToken ct) =>
        RunId is { } runId && await LogEntries.FindAsync<RunView>(session, runnerId, runId, ct) is null
            ? new FieldErrors().Add("runId", "No run with this id in this runner's log.")
                .ToProblem(StatusCodes.Status422UnprocessableEntity)
            : WolverineContinue.NoProblems;
}

public static class ReportPainEndpoint
{
    /// <summary>The request of a report as it stands, for a merge patch to change.</summary>
    public static PainReportRequest From(PainDetails r) =>
        new(r.ReportedAt, r.Score, r.Location, r.Side, r.Timing, r.Character, r.RunId,
            new RedFlagsRequest(r.RedFlags.PainAtRest, r.RedFlags.PainAtNight, r.RedFlags.CannotBearWeight, r.RedFlags.PainWhenHopping),
                r.Notes);

    public static ProblemDetails Validate(PainReportRequest? request, TimeProvider clock) => PainReportRequest.Validate(request, clock);

    public static Task<ProblemDetails> ValidateAsync(string runnerId, PainReportRequest request, IDocumentSession session,
        CancellationToken ct) =>
        request.CheckRunLinkAsync(runnerId, session, ct);

    [WolverinePost("/runners/{runnerId}/pain-reports"), Tags("Pain reports"), EndpointSummary("Report hip pain")]
    [ProducesResponseType<PainReportResponse>(StatusCodes.Status201Created),
        ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    public static (Written<PainReportResponse>, IMartenOp) Post(string runnerId, PainReportRequest request)
    {
        var reported = PainLog.Report(runnerId, Guid.CreateVersion7(), request.ToDetails());
        return (Written.Created(PainReportResponse.PathOf(reported), PainReportResponse.From(PainReportView.Of(reported))),
            MartenOps.Append(runnerId, reported));
    }
}
