using HipLog.Api.Http.Problems;
using HipLog.Api.Http.Writes;
using HipLog.Domain.Imports;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HipLog.Api.Imports;

/// <param name="Failed">Each file that made no run, with the reason.</param>
public sealed record RunImportResponse(Guid Id, RunImportStatus Status, int Total, int Imported, int Duplicates, IReadOnlyList<ImportFailure> Failed,
    DateTimeOffset RequestedAt, DateTimeOffset? CompletedAt)
{
    public static RunImportResponse From(RunImport i) =>
        new(i.Id, i.Status, i.Total, i.Imported, i.Duplicates, i.Failed, i.RequestedAt, i.CompletedAt);
}

public static class ImportArchiveEndpoint
{
    /// <summary>
    /// Imports every .gpx and .tcx file (gzipped or not) of a ZIP archive, such as a watch platform's export, in the
    /// background: answers 202 with a Location to follow. An activities.csv in the archive gives names, dates, types and
    /// perceived exertion the files lack; effort and surface apply to every file that says none. Each file becomes a run
    /// as a single import makes it, and a file whose run is already logged counts as a duplicate.
    /// </summary>
    [WolverinePost("/runners/{runnerId}/imports"), Tags("Runs"), EndpointSummary("Import runs from an archive of GPX and TCX files")]
    [ProducesResponseType<RunImportResponse>(StatusCodes.Status202Accepted), ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest),
     ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge), ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType)]
    public static async Task<IResult> Post(string runnerId, string? effort, string? surface, HttpContext http, IDocumentSession session,
        TimeProvider clock, CancellationToken ct)
    {
        var (choices, body, refusal) = await ImportRunEndpoint.ReadUploadAsync(http, effort, surface,
            ActivityFiles.MediaType(http.Request.ContentType) == ActivityArchive.ContentType, "Not a ZIP archive",
            $"Send a ZIP archive of .gpx and .tcx files as {ActivityArchive.ContentType}.", ct);
        if (refusal is not null)
            return refusal;

        int total;
        try
        {
            using var zip = ActivityArchive.Open(body!);
            total = ActivityArchive.Check(zip).Count;
        }
        catch (ActivityArchiveException e)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The archive cannot be imported", detail: e.Message);
        }

        var now = clock.GetUtcNow();
        // The body's own buffer goes to PostgreSQL as it is: a copy would double the Api's memory for a large archive.
        var import = new RunImport(Guid.CreateVersion7(), runnerId, RunImportStatus.Queued, total, 0, 0, 0, [], choices, now);
        session.Insert(import);
        RunImports.StoreArchive(session, import, new ReadOnlyMemory<byte>(body!.GetBuffer(), 0, (int)body.Length));
        session.Events.Append(RunImports.StreamFor(import.Id), new RunImportRequested(import.Id, now));
        return Written.Accepted(http, session, $"/runners/{runnerId}/imports/{import.Id}", RunImportResponse.From(import));
    }

    /// <summary>How far an archive import got: queued, running, done or failed, with a count of runs imported and duplicates, and each file that failed.</summary>
    [WolverineGet("/runners/{runnerId}/imports/{importId}"), Tags("Runs"), EndpointSummary("Read how far an archive import got")]
    [ProducesResponseType<RunImportResponse>(StatusCodes.Status200OK), ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static async Task<IResult> Get(string runnerId, Guid importId, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<RunImport>(importId, ct) is { } import && import.RunnerId == runnerId
            ? Results.Ok(RunImportResponse.From(import))
            : Problem.NotFound("archive import with this id for this runner");
}
