using System.Text.Json.Serialization;
using HipLog.Api.Auth;
using HipLog.Api.Hosting;
using HipLog.Api.Http.Writes;
using HipLog.Api.Profiles;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HipLog.Api.Trends;

/// <param name="Url">Opens the runner's pain-trend report in a browser, with no other credential, until <paramref
/// name="ExpiresAt"/>.</param>
/// <param name="SummaryUrl">Opens the printable clinician summary (12 weeks; add &amp;weeks=1…52) with the same link token.</param>
/// <param name="UrlNote">Only in a replay under the same Idempotency-Key, which never carries the links: they are credentials.</param>
public sealed record ReportLinkResponse(
    string? Url, string? SummaryUrl, DateTimeOffset ExpiresAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UrlNote = null) : IReplayable
{
    public object ForReplay() => this with
    {
        Url = null, SummaryUrl = null,
            UrlNote = "The links were shown only in the first answer and are not kept for replays; post again (without the key) for new " +
            "ones.",
    };
}

public static class CreateReportLinkEndpoint
{
    public static ProblemDetails Validate(AuthSettings auth) => auth.HasSigningKey ? WolverineContinue.NoProblems : new ProblemDetails
    {
        Status = StatusCodes.Status503ServiceUnavailable,
        Title = "Report links are not set up",
        Detail = "This server signs report links with Auth:SigningKey, and none is configured.",
    };

    public static Task<TimeZoneInfo> LoadAsync(string runnerId, IDocumentSession session, CancellationToken ct)
        => RunnerZone.LoadAsync(session, runnerId, ct);

    /// <summary>
    /// Links to the runner's report page and clinician summary that work for 15 minutes and for nothing else, to open in a
    /// browser or hand to a clinician. One token serves both pages; a bearer token never goes into a URL.
    /// </summary>
    [WolverinePost("/runners/{runnerId}/report-links"), Tags("Trends"),
        EndpointSummary("Short-lived links to the report page and the clinician summary")]
    [ProducesResponseType<ReportLinkResponse>(StatusCodes.Status201Created)]
    public static Written<ReportLinkResponse> Post(string runnerId, AuthSettings auth, PublicUrls urls,
        [NotBody] TimeZoneInfo zone)
    {
        // The token handler checks lifetimes against the real clock, so the link is dated by it too.
        var now = DateTimeOffset.UtcNow;
        var token = auth.MintReportLink(runnerId, now);
        var runner = urls.Of($"/runners/{Uri.EscapeDataString(runnerId)}");
        var expiresAt = Domain.Time.LocalCalendar.InZone(now + AuthSettings.ReportLinkLifetime, zone);
        return new Written<ReportLinkResponse>(StatusCodes.Status201Created, null,
            new ReportLinkResponse($"{runner}/pain-trend/report?link={token}", $"{runner}/clinician-summary?link={token}", expiresAt));
    }
}
