using HipLog.Api.Http.Problems;
using HipLog.Domain.Sharing;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace HipLog.Api.Sharing;

[Hosting.OpenApiExample("""{ "code": "7KQ2-M9XD" }""")]
public sealed record AcceptShareRequest(string? Code);

/// <summary>What a clinician sees of a patient's share once they accepted it.</summary>
public sealed record PatientShareResponse(string RunnerId, string? DisplayName, string Label, IReadOnlyList<ShareScope> Scope,
    DateOnly From, DateTimeOffset ExpiresAt);

/// <summary>What the code found: the share it opens, if any, the clinician's name, and their wrong codes of late.</summary>
public sealed record CodeLookup(ShareView? Share, ClinicianProfile? Clinician, ShareCodeAttempts? Attempts, string? RunnerName);

public static class AcceptShareEndpoint
{
    /// <summary>One wording for every code that opens nothing, so that a guess learns nothing from the answer.</summary>
    public const string NoSuchCode = "code that opens a share now: it may be mistyped, used, revoked or more than 48 hours old";

    public static async Task<CodeLookup> LoadAsync(string clinicianId, AcceptShareRequest request, IDocumentSession session,
        CancellationToken ct)
    {
        var attempts = await session.LoadAsync<ShareCodeAttempts>(ShareCodeAttempts.IdFor(clinicianId), ct);
        var clinician = await session.LoadAsync<ClinicianProfile>(Shares.ClinicianStream(clinicianId), ct);
        if (ShareCodes.Normalise(request.Code) is not { } code)
            return new CodeLookup(null, clinician, attempts, null);
        var hash = ShareCodes.Hash(code);
        var share = await session.Query<ShareView>().FirstOrDefaultAsync(s => s.CodeHash == hash, ct);
        var runner = share is null ? null : await session.LoadAsync<Domain.Profiles.RunnerProfile>(share.RunnerId, ct);
        return new CodeLookup(share, clinician, attempts, runner?.DisplayName);
    }

    /// <summary>
    /// Accepts a runner's share by its code: the runner becomes the clinician's patient. A code opens one share once, for
    /// one clinician. After 5 wrong codes in 15 minutes, every try is a 429 until the oldest of them is 15 minutes old.
    /// </summary>
    [WolverinePost("/clinicians/{clinicianId}/patients"), Tags("Clinicians"), EndpointSummary("Accept a share by its code")]
    [ProducesResponseType<PatientShareResponse>(StatusCodes.Status201Created),
     ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound),
     ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict),
     ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests)]
    public static (IResult, IMartenOp, IMartenOp) Post(string clinicianId, AcceptShareRequest request, [NotBody] CodeLookup found,
        TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        if (found.Attempts?.Blocked(now) == true)
            return (TooMany(found.Attempts.RetryAfter(now)), MartenOps.Nothing(), MartenOps.Nothing());
        if (found.Clinician is null)
            return (Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Register first",
                detail: $"PUT /clinicians/{clinicianId}/profile with your name before accepting a share: the runner sees it."),
                MartenOps.Nothing(), MartenOps.Nothing());
        // Every try writes the clinician's attempts under optimistic concurrency, right or wrong: tries sent at once are
        // judged one at a time (the others are a 409), so sending many at once cannot pass the limit.
        if (Shares.Accept(found.Share, clinicianId, now) is not { } accepted)
            return (Problem.NotFound(NoSuchCode), MartenOps.Store(ShareCodeAttempts.After(found.Attempts, clinicianId, now)),
                MartenOps.Nothing());
        var share = found.Share!;
        // The version after the share as read: a second clinician racing with the same code fails the append; nothing is stored.
        return (Results.Created($"/clinicians/{clinicianId}/patients/{share.RunnerId}",
                new PatientShareResponse(share.RunnerId, found.RunnerName, share.Label, share.Scope, share.From, share.ExpiresAt)),
            MartenOps.Append(share.Id, share.Version + 1, accepted),
            MartenOps.Store(found.Attempts ?? new ShareCodeAttempts(ShareCodeAttempts.IdFor(clinicianId), [])));
    }

    private static IResult TooMany(TimeSpan retryAfter) => new TooManyCodes((int)Math.Ceiling(Math.Max(1, retryAfter.TotalSeconds)));

    private sealed class TooManyCodes(int seconds) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many wrong codes",
                detail: $"{ShareCodeAttempts.MaxWrong} wrong codes in 15 minutes: try again in {seconds} s.").ExecuteAsync(http);
        }
    }
}
