using HipLog.Api.Http.Problems;
using HipLog.Api.Http.Writes;
using HipLog.Api.Profiles;
using HipLog.Api.Runs;
using HipLog.Domain.Imports;
using HipLog.Domain.Runs;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace HipLog.Api.Imports;

/// <summary>An uploaded activity file as it was read: the track, and what the runner added to it.</summary>
public sealed record UploadedActivity(ActivityFile File, TrackSummary Track, ImportChoices Choices);

/// <summary>The runner's zone, and the runs already logged with the same start as the file's.</summary>
public sealed record ImportTarget(TimeZoneInfo Zone, IReadOnlyList<RunView> SameStart);

public static class ImportRunEndpoint
{
    public const string NoEffortNote =
        "No perceivedEffort: this run counts no session-RPE load in the training load (its distance and time do count) until one is " +
            "added " +
            "with PATCH.";

    /// <summary>The file is read and parsed before the runner's turn is taken: a slow upload holds nothing.</summary>
    public static async Task<(UploadedActivity?, ProblemDetails)> BeforeAsync(HttpRequest request, string? effort, string? surface,
        CancellationToken ct)
    {
        var format = ActivityFiles.FormatOfContentType(request.ContentType);
        var (choices, body, problem) = await Uploads.ReadAsync(request, effort, surface, format is not null, "Not a GPX or TCX file",
            $"Send a GPX 1.1 file as {ActivityFiles.GpxContentType} or a TCX file as {ActivityFiles.TcxContentType}.", ct);
        if (problem.Stops())
            return (null, problem);
        try
        {
            var file = ActivityFiles.Read(body!, format!.Value);
            return (new UploadedActivity(file, TrackSummary.Of(file), choices), problem);
        }
        catch (ActivityFileException e)
        {
            return (null, Uploads.Refused("The file holds no run HipLog can read", e.Message));
        }
    }

    public static async Task<ImportTarget> LoadAsync(string runnerId, UploadedActivity upload, IDocumentSession session,
        CancellationToken ct)
    {
        var zone = await RunnerZone.LoadAsync(session, runnerId, ct);
        var start = upload.Track.StartedAt ?? upload.Choices.StartedAt;
        var sameStart = start is null ? [] : await session.Query<RunView>().Where(v => v.RunnerId == runnerId && v.OccurredAt == start)
            .ToListAsync(ct);
        return new ImportTarget(zone, sameStart);
    }

    /// <summary>The run the track makes, judged by the rules of every run (effort and surface may be missing).</summary>
    public static (RunDetails?, ProblemDetails) Validate(UploadedActivity upload, ImportTarget target, TimeProvider clock)
    {
        RunDetails details;
        try
        {
            details = ImportedRun.From(upload.Track, upload.File, upload.Choices, target.Zone);
        }
        catch (ActivityFileException e)
        {
            return (null, Uploads.Refused("The file holds no run HipLog can read", e.Message));
        }

        var problem = RunRequest.Validate(RunRequest.From(details), clock, fromFile: true);
        if (!problem.Stops())
            return (details, problem);
        problem.Title = "The track is not a run HipLog can log";
        return (null, problem);
    }

    /// <summary>
    /// Logs one run from a GPX 1.1 or TCX file sent as the body: its start from the first track point (on the runner's
    /// clock), its distance from the track (TCX's own DistanceMeters when present), its moving time with pauses left
    /// out, and its elevation gain; the route name from the file's name. effort and surface are optional: a run without
    /// an effort counts no session-RPE load in the training load. The same activity sent again (same start, distance
    /// within 1%) is answered 200 with the run already logged, and nothing is appended.
    /// </summary>
    [WolverinePost("/runners/{runnerId}/runs/import"), Tags("Runs"), EndpointSummary("Import a run from a GPX or TCX file")]
    [ProducesResponseType<RunResponse>(StatusCodes.Status201Created), ProducesResponseType<RunResponse>(StatusCodes.Status200OK),
     ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest),
         ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge),
     ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType)]
    public static (Written<RunResponse>, IMartenOp) Post(string runnerId, [NotBody] RunDetails details, [NotBody] ImportTarget target)
    {
        if (RunLog.Import(runnerId, Guid.CreateVersion7(), details, target.SameStart.Select(v => v.Run)) is not { } logged)
            return (Written.Ok(WithNote(RunResponse.From(target.SameStart.First(v => RunLog.IsSameActivity(v.Run, details))))),
                MartenOps.Nothing());
        return (Written.Created(RunResponse.PathOf(logged), WithNote(RunResponse.From(logged))), MartenOps.Append(runnerId, logged));
    }

    /// <summary>The run as POST /runs answers it, with a note when it has no effort: the runner should know its load is not
    /// counted.</summary>
    private static RunResponse WithNote(RunResponse run) => run.PerceivedEffort is null ? run with { Note = NoEffortNote } : run;
}
