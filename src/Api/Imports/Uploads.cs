using System.Globalization;
using HipLog.Api.Http.Problems;
using HipLog.Domain.Imports;
using HipLog.Domain.Imports.Fit;
using HipLog.Domain.Runs;
using HipLog.Domain.Storage;
using HipLog.Domain.Wire;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HipLog.Api.Imports;

/// <summary>What both imports read first, in this order: the runner's choices, the media type, then the body.</summary>
public static class Uploads
{
    /// <summary>
    /// The choices and the body, or the problem that stops the upload: a 400 naming a bad choice, a 415 for another media
    /// type. The body goes to a temporary file as it arrives (BodyLimit caps its size for each route), never whole into
    /// memory, however many runners upload at once; the file is deleted when the request ends.
    /// </summary>
    public static async Task<(ImportChoices Choices, Stream? Body, ProblemDetails Problem)> ReadAsync(HttpRequest request,
        string? effort,
        string? surface, bool mediaTypeAccepted, string unsupportedTitle, string unsupportedDetail, CancellationToken ct)
    {
        var (choices, errors) = ReadChoices(effort, surface);
        if (!errors.IsEmpty)
            return (choices, null, errors.ToProblem());
        if (!mediaTypeAccepted)
            return (choices, null, Unsupported(unsupportedTitle, unsupportedDetail));

        var body = TemporaryFiles.Create();
        request.HttpContext.Response.RegisterForDisposeAsync(body);
        await request.Body.CopyToAsync(body, ct);
        body.Position = 0;
        return (choices, body, WolverineContinue.NoProblems);
    }

    /// <summary>True when the stored body starts with a FIT file header; the body is left at its start.</summary>
    public static async Task<bool> StartsLikeFitAsync(Stream body, CancellationToken ct)
    {
        var start = new byte[FitFrames.MinimumHeaderSize];
        var read = await body.ReadAtLeastAsync(start, start.Length, throwOnEndOfStream: false, ct);
        body.Position = 0;
        return FitFrames.LooksLikeFit(start.AsSpan(0, read));
    }

    public static ProblemDetails Unsupported(string title, string detail) =>
        new() { Status = StatusCodes.Status415UnsupportedMediaType, Title = title, Detail = detail };

    public static ProblemDetails Refused(string title, string reason) => new() { Status = StatusCodes.Status400BadRequest, Title = title,
        Detail = reason };

    private static (ImportChoices, FieldErrors) ReadChoices(string? effort, string? surface)
    {
        var errors = new FieldErrors();
        int? rpe = null;
        if (!string.IsNullOrEmpty(effort))
        {
            if (int.TryParse(effort, NumberStyles.None, CultureInfo.InvariantCulture, out var e)
                && e is >= RunLimits.MinEffort and <= RunLimits.MaxEffort)
                rpe = e;
            else
                errors.Add("effort", "Must be a whole number from 1 to 10.");
        }

        var kind = ImportedRun.SurfaceNamed(surface);
        errors.When(!string.IsNullOrEmpty(surface) && kind is null, "surface",
            "Unknown option: use one of " + string.Join(", ", Enum.GetValues<Surface>().Select(Kebab.Of)) + ".");
        return (new ImportChoices(rpe, kind), errors);
    }
}
