using System.Globalization;
using System.Text.Json;
using HipLog.Api.Http.Problems;
using HipLog.Api.Http.Writes;
using HipLog.Api.Profiles;
using HipLog.Api.Runs;
using HipLog.Domain.Imports;
using HipLog.Domain.Runs;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Wolverine.Http;

namespace HipLog.Api.Imports;

public static class ImportRunEndpoint
{
    /// <summary>
    /// Logs one run from a GPX 1.1 or TCX file sent as the body: its start from the first track point (on the runner's
    /// clock), its distance from the track (TCX's own DistanceMeters when present), its moving time with pauses left
    /// out, and its elevation gain; the route name from the file's name. effort and surface are optional: a run without
    /// an effort counts no session-RPE load in the training load. The same activity sent again (same start, distance
    /// within 1%) is answered 200 with the run already logged, and nothing is appended.
    /// </summary>
    [WolverinePost("/runners/{runnerId}/runs/import"), Tags("Runs"), EndpointSummary("Import a run from a GPX or TCX file")]
    [ProducesResponseType<RunResponse>(StatusCodes.Status201Created), ProducesResponseType<RunResponse>(StatusCodes.Status200OK),
     ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest), ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge),
     ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType)]
    public static async Task<IResult> Post(string runnerId, string? effort, string? surface, HttpContext http, IDocumentSession session,
        TimeProvider clock, CancellationToken ct)
    {
        var format = ActivityFiles.FormatOfContentType(http.Request.ContentType);
        var (choices, body, refusal) = await ReadUploadAsync(http, effort, surface, format is not null, "Not a GPX or TCX file",
            $"Send a GPX 1.1 file as {ActivityFiles.GpxContentType} or a TCX file as {ActivityFiles.TcxContentType}.", ct);
        if (refusal is not null)
            return refusal;

        RunDetails details;
        try
        {
            var file = ActivityFiles.Read(body!, format!.Value);
            details = ImportedRun.From(TrackSummary.Of(file), file, choices, await RunnerZone.LoadAsync(session, runnerId, ct));
        }
        catch (ActivityFileException e)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The file holds no run HipLog can read", detail: e.Message);
        }

        var problem = RunRequest.Validate(RunRequest.From(details), clock, fromFile: true);
        if (problem.Status is not null)
        {
            problem.Title = "The track is not a run HipLog can log";
            return Results.Problem(problem);
        }

        if (await FindSameActivityAsync(session, runnerId, details, ct) is { } existing)
            return Written.Ok(http, session, WithNote(http, RunResponse.From(existing)));

        var (answer, logged) = LogRunEndpoint.Log(runnerId, details, session, http, run => WithNote(http, run));
        session.Events.Append(runnerId, logged);
        return answer;
    }

    public const string NoEffortNote =
        "No perceivedEffort: this run counts no session-RPE load in the training load (its distance and time do count) until one is added with PATCH.";

    /// <summary>The run as POST /runs answers it, with a note when it has no effort: the runner should know its load is not counted.</summary>
    private static object WithNote(HttpContext http, RunResponse run)
    {
        if (run.PerceivedEffort is not null)
            return run;
        var options = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var body = JsonSerializer.SerializeToNode(run, options)!.AsObject();
        body["note"] = NoEffortNote;
        return body;
    }

    public static async Task<RunView?> FindSameActivityAsync(IQuerySession session, string runnerId, RunDetails run, CancellationToken ct)
    {
        var start = run.StartedAt;
        var sameStart = await session.Query<RunView>().Where(v => v.RunnerId == runnerId && v.OccurredAt == start).ToListAsync(ct);
        return sameStart.FirstOrDefault(v => ImportedRun.IsSameActivity(v.Run, run));
    }

    /// <summary>
    /// What both imports read first, in this order: the runner's choices, the media type, then the body, into memory (the
    /// parsers read synchronously; BodyLimit caps its size for each route).
    /// </summary>
    public static async Task<(ImportChoices Choices, MemoryStream? Body, IResult? Refusal)> ReadUploadAsync(HttpContext http, string? effort,
        string? surface, bool mediaTypeAccepted, string unsupportedTitle, string unsupportedDetail, CancellationToken ct)
    {
        var (choices, errors) = ReadChoices(effort, surface);
        if (!errors.IsEmpty)
            return (choices, null, Results.Problem(errors.ToProblem()));
        if (!mediaTypeAccepted)
            return (choices, null, Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: unsupportedTitle, detail: unsupportedDetail));

        var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body, ct);
        body.Position = 0;
        return (choices, body, null);
    }

    private static (ImportChoices, FieldErrors) ReadChoices(string? effort, string? surface)
    {
        var errors = new FieldErrors();
        int? rpe = null;
        if (!string.IsNullOrEmpty(effort))
        {
            if (int.TryParse(effort, NumberStyles.None, CultureInfo.InvariantCulture, out var e) && e is >= RunLimits.MinEffort and <= RunLimits.MaxEffort)
                rpe = e;
            else
                errors.Add("effort", "Must be a whole number from 1 to 10.");
        }

        var kind = ImportedRun.SurfaceNamed(surface);
        errors.When(!string.IsNullOrEmpty(surface) && kind is null, "surface",
            "Unknown option: use one of " + string.Join(", ", Enum.GetValues<Surface>().Select(Domain.Wire.Kebab.Of)) + ".");
        return (new ImportChoices(rpe, kind), errors);
    }
}
