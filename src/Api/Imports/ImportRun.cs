using HipLog.Api.Http.Problems;
using HipLog.Api.Http.Writes;
using HipLog.Api.Profiles;
using HipLog.Api.Runs;
using HipLog.Domain.Imports;
using HipLog.Domain.Imports.Fit;
using HipLog.Domain.Runs;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace HipLog.Api.Imports;

/// <summary>An uploaded activity file as it was read: its tracks (a FIT file may hold several runs), and what the runner added.</summary>
public sealed record UploadedActivity(IReadOnlyList<FileTrack> Tracks, ImportChoices Choices)
{
    public IReadOnlyList<DateTimeOffset> Starts =>
        Tracks.Select(t => t.Track.StartedAt ?? Choices.StartedAt).OfType<DateTimeOffset>().ToList();
}

/// <summary>The runner's zone, and the runs already logged in the same second as one of the file's.</summary>
public sealed record ImportTarget(TimeZoneInfo Zone, IReadOnlyList<RunView> SameStart);

/// <summary>The runs an uploaded file makes, in the file's order.</summary>
public sealed record ImportedRuns(IReadOnlyList<RunDetails> Runs);

public static class ImportRunEndpoint
{
    private const string OctetStream = "application/octet-stream";
    private const string NotAnActivity = "Not a GPX, TCX or FIT file";
    private static readonly string UploadAs = $"Send a GPX 1.1 file as {ActivityFiles.GpxContentType}, a TCX file as " +
        $"{ActivityFiles.TcxContentType} or a FIT file as {FitDecoder.ContentType}.";

    public const string NoEffortNote =
        "No perceivedEffort: this run counts no session-RPE load in the training load (its distance and time do count) until one is " +
            "added " +
            "with PATCH.";

    /// <summary>The file is read and parsed before the runner's turn is taken: a slow upload holds nothing.</summary>
    public static async Task<(UploadedActivity?, ProblemDetails)> BeforeAsync(HttpRequest request, string? effort, string? surface,
        CancellationToken ct)
    {
        var format = ActivityFiles.FormatOfContentType(request.ContentType);
        var octets = ActivityFiles.MediaType(request.ContentType) == OctetStream;
        var (choices, body, problem) = await Uploads.ReadAsync(request, effort, surface, format is not null || octets, NotAnActivity,
            UploadAs, ct);
        if (problem.Stops())
            return (null, problem);
        if (octets)
        {
            // Browsers and some tools send a .fit as octets: read as FIT when it starts like one, and never guess GPX or TCX.
            if (!await Uploads.StartsLikeFitAsync(body!, ct))
                return (null, Uploads.Unsupported(NotAnActivity, $"An {OctetStream} body is read only when it is a FIT file. {UploadAs}"));
            format = ActivityFormat.Fit;
        }

        try
        {
            return (new UploadedActivity(ActivityFiles.Tracks(body!, format!.Value), choices), problem);
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
        if (upload.Starts.Count == 0)
            return new ImportTarget(zone, []);
        var seconds = upload.Starts.Select(s => s.ToUnixTimeSeconds()).ToList();
        var (first, until) = RunLog.SecondsOf(upload.Starts);
        var near = await session.Query<RunView>().Where(v => v.RunnerId == runnerId && v.OccurredAt >= first && v.OccurredAt < until)
            .ToListAsync(ct);
        return new ImportTarget(zone, near.Where(v => seconds.Contains(v.OccurredAt.ToUnixTimeSeconds())).ToList());
    }

    /// <summary>The runs the tracks make, each judged by the rules of every run (effort and surface may be missing).</summary>
    public static (ImportedRuns?, ProblemDetails) Validate(UploadedActivity upload, ImportTarget target, TimeProvider clock)
    {
        var runs = new List<RunDetails>();
        foreach (var track in upload.Tracks)
        {
            try
            {
                runs.Add(ImportedRun.From(track, upload.Choices, target.Zone));
            }
            catch (ActivityFileException e)
            {
                return (null, Uploads.Refused("The file holds no run HipLog can read", e.Message));
            }

            var problem = RunRequest.Validate(RunRequest.From(runs[^1]), clock, fromFile: true);
            if (problem.Stops())
            {
                problem.Title = upload.Tracks.Count == 1 ? "The track is not a run HipLog can log"
                    : $"Running session {runs.Count} of the file is not a run HipLog can log";
                return (null, problem);
            }
        }

        return (new ImportedRuns(runs), WolverineContinue.NoProblems);
    }

    /// <summary>
    /// Logs the run of a GPX 1.1, TCX or FIT file sent as the body. From a track: its start from the first point (on the
    /// runner's clock), its distance (TCX's own DistanceMeters when present), its moving time with pauses left out, its
    /// elevation gain and heart rate; the route name from the file's name. From a FIT file, each running session's own
    /// totals, as the watch showed them; a file of several running sessions (a triathlon) logs one run each, answers
    /// with the first and lists every one in items. effort and surface are optional: a run without an effort counts no
    /// session-RPE load in the training load. The same activity sent again (same start second, distance within 1%) is
    /// answered 200 with the run already logged, and nothing is appended.
    /// </summary>
    [WolverinePost("/runners/{runnerId}/runs/import"), Tags("Runs"), EndpointSummary("Import a run from a GPX, TCX or FIT file")]
    [ProducesResponseType<RunResponse>(StatusCodes.Status201Created), ProducesResponseType<RunResponse>(StatusCodes.Status200OK),
     ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest),
         ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge),
     ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType)]
    public static (Written<RunResponse>, IMartenOp) Post(string runnerId, [NotBody] ImportedRuns imported, [NotBody] ImportTarget target)
    {
        var known = target.SameStart.Select(v => (v.Run, Answer: RunResponse.From(v))).ToList();
        var (answers, logged) = (new List<RunResponse>(), new List<RunLogged>());
        foreach (var details in imported.Runs)
        {
            if (RunLog.Import(runnerId, Guid.CreateVersion7(), details, known.Select(k => k.Run)) is { } added)
            {
                known.Add((details, RunResponse.From(added)));
                logged.Add(added);
            }

            answers.Add(WithNote(known.First(k => RunLog.IsSameActivity(k.Run, details)).Answer));
        }

        var answer = answers.Count == 1 ? answers[0] : answers[0] with { Items = answers };
        return logged.Count == 0
            ? (Written.Ok(answer), MartenOps.Nothing())
            : (Written.Created(RunResponse.PathOf(logged[0]), answer), MartenOps.Append(runnerId, logged.ToArray<object>()));
    }

    /// <summary>The run as POST /runs answers it, with a note when it has no effort: the runner should know its load is not
    /// counted.</summary>
    private static RunResponse WithNote(RunResponse run) => run.PerceivedEffort is null ? run with { Note = NoEffortNote } : run;
}
