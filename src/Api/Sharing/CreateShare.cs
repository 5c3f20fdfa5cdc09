using HipLog.Api.Hosting;
using HipLog.Api.Http.Problems;
using HipLog.Api.Http.Writes;
using HipLog.Api.Profiles;
using HipLog.Domain.Runs;
using HipLog.Domain.Sharing;
using HipLog.Domain.Time;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace HipLog.Api.Sharing;

/// <param name="Label">The runner's own name for the share, such as "Dr Lee, physio": at most 100 characters.</param>
/// <param name="Scope">What the clinician may read: any of summary, trend, entries, recommendations, fhir, alerts.</param>
/// <param name="From">The first local day the clinician may see; 12 weeks before today when omitted.</param>
/// <param name="ExpiresAt">When the share ends, at most a year ahead; 90 days from now when omitted.</param>
[OpenApiExample("""
    { "label": "Dr Lee, physio", "scope": ["summary", "trend", "entries", "alerts"], "from": "2026-09-01" }
    """)]
public sealed record ShareRequest(string? Label, IReadOnlyList<ShareScope>? Scope, DateOnly? From = null, DateTimeOffset? ExpiresAt = null);

public static class CreateShareEndpoint
{
    public const int MaxLabelLength = 100;

    public static ProblemDetails Validate(ShareRequest? request, TimeProvider clock)
    {
        if (request is null)
            return Problem.MissingBody();
        var now = clock.GetUtcNow();
        return new FieldErrors()
            .Text("label", request.Label, MaxLabelLength, required: true)
            .When(request.Scope is not { Count: > 0 }, "scope",
                "Name at least one of summary, trend, entries, recommendations, fhir, alerts.")
            .When(request.From is { } from && !EntryLimits.InRange(from), "from", "Must be a date between 1900 and 2100.")
            .When(request.ExpiresAt <= now, "expiresAt", "Must be in the future.")
            .When(request.ExpiresAt > now + Shares.LongestLength, "expiresAt", "Must be at most a year ahead.")
            .ToProblem();
    }

    public static Task<TimeZoneInfo> LoadAsync(string runnerId, IDocumentSession session, CancellationToken ct) =>
        RunnerZone.LoadAsync(session, runnerId, ct);

    /// <summary>
    /// Offers a share to a clinician: the answer carries a one-time code (8 characters, shown this once, valid 48 hours) that
    /// the clinician brings to POST /clinicians/{clinicianId}/patients. Until then the share is "invited".
    /// </summary>
    [WolverinePost("/runners/{runnerId}/shares"), Tags("Sharing"), EndpointSummary("Share with a clinician")]
    [ProducesResponseType<ShareResponse>(StatusCodes.Status201Created)]
    public static (Written<ShareResponse>, IMartenOp) Post(string runnerId, ShareRequest request, TimeZoneInfo zone, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var today = LocalCalendar.LocalDay(now, zone);
        var terms = new ShareTerms(request.Label!.Trim(), request.Scope!, request.From ?? today.AddDays(-7 * Shares.DefaultWeeksBack),
            request.ExpiresAt ?? now + Shares.DefaultLength);
        var code = ShareCodes.New();
        var offered = Shares.Offer(runnerId, Guid.CreateVersion7(), terms, code, now);
        var share = ShareView.After(null, offered)!;
        return (Written.Created(ShareResponse.PathOf(runnerId, offered.ShareId), ShareResponse.Of(share, now, zone, code: code)),
            MartenOps.StartStream(Shares.StreamFor(offered.ShareId), offered));
    }
}
