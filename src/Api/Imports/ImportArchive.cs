using HipLog.Api.Http.Problems;
using HipLog.Api.Http.Writes;
using HipLog.Domain.Imports;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace HipLog.Api.Imports;

/// <param name="Failed">Each file that made no run, with the reason.</param>
public sealed record RunImportResponse(Guid Id, RunImportStatus Status, int Total, int Imported, int Duplicates,
    IReadOnlyList<ImportFailure> Failed,
    DateTimeOffset RequestedAt, DateTimeOffset? CompletedAt)
{
    public static RunImportResponse From(RunImport i) =>
        new(i.Id, i.Status, i.Total, i.Imported, i.Duplicates, i.Failed, i.RequestedAt, i.CompletedAt);
}

/// <summary>An uploaded archive that passed its checks: its bytes, the activity files it holds, and the runner's choices.</summary>
public sealed record UploadedArchive(Stream Content, int Activities, ImportChoices Choices);

/// <summary>Stores the archive in the write's transaction, with the import that will read it.</summary>
public sealed record StoreArchive(RunImport Import, Stream Content) : IMartenOp
{
    // The upload's file streams to PostgreSQL as the statement is sent: the archive is never whole in the Api's memory.
    public void Execute(IDocumentSession session)
    {
        Content.Position = 0;
        RunImports.StoreArchive(session, Import, Content);
    }
}

public static class ImportArchiveEndpoint
{
    /// <summary>
    /// The archive is read and checked before the runner's turn is taken: a slow upload holds nothing. Then it waits for
    /// its bytes to fit in what this Api writes to PostgreSQL at once (<see cref="ArchiveStores"/>).
    /// </summary>
    public static async Task<(UploadedArchive?, ProblemDetails)> BeforeAsync(HttpRequest request, string? effort, string? surface,
        ArchiveStores stores, CancellationToken ct)
    {
        var (upload, problem) = await CheckAsync(request, effort, surface, ct);
        if (upload is null)
            return (upload, problem);
        if (await stores.TakeAsync(upload.Content.Length, ct) is { } turn)
        {
            request.HttpContext.Response.RegisterForDispose(turn);
            return (upload, problem);
        }

        request.HttpContext.Response.Headers.RetryAfter = "30";
        return (null, new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Title = "Too many archives at once",
            Detail = "Other archives are being stored: nothing of this one was kept. Send it again in 30 seconds." });
    }

    private static async Task<(UploadedArchive?, ProblemDetails)> CheckAsync(HttpRequest request, string? effort, string? surface,
        CancellationToken ct)
    {
        var (choices, body, problem) = await Uploads.ReadAsync(request, effort, surface,
            ActivityFiles.MediaType(request.ContentType) == ActivityArchive.ContentType, "Not a ZIP archive",
            $"Send a ZIP archive of .gpx, .tcx and .fit files as {ActivityArchive.ContentType}.", ct);
        if (problem.Stops())
            return (null, problem);
        try
        {
            using var zip = ActivityArchive.Open(body!);
            return (new UploadedArchive(body!, ActivityArchive.Check(zip).Count, choices), problem);
        }
        catch (ActivityArchiveException e)
        {
            return (null, Uploads.Refused("The archive cannot be imported", e.Message));
        }
    }

    /// <summary>
    /// Imports every .gpx and .tcx file (gzipped or not) of a ZIP archive, such as a watch platform's export, in the
    /// background: answers 202 with a Location to follow. An activities.csv in the archive gives names, dates, types and
    /// perceived exertion the files lack; effort and surface apply to every file that says none. Each file becomes a run
    /// as a single import makes it, and a file whose run is already logged counts as a duplicate.
    /// </summary>
    [WolverinePost("/runners/{runnerId}/imports"), Tags("Runs"), EndpointSummary("Import runs from an archive of GPX and TCX files")]
    [ProducesResponseType<RunImportResponse>(StatusCodes.Status202Accepted),
        ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest),
     ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge),
         ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType),
        ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable)]
    public static (Written<RunImportResponse>, IEnumerable<IMartenOp>) Post(string runnerId, [NotBody] UploadedArchive upload,
        TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var import = new RunImport(Guid.CreateVersion7(), runnerId, RunImportStatus.Queued, upload.Activities, 0, 0, 0, [], upload.Choices,
            now);
        return (Written.Accepted($"/runners/{runnerId}/imports/{import.Id}", RunImportResponse.From(import)),
            [MartenOps.Insert(import), new StoreArchive(import, upload.Content),
                MartenOps.Append(RunImports.StreamFor(import.Id), new RunImportRequested(import.Id, now))]);
    }
}
