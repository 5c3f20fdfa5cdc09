using HipLog.Api.Auth;
using HipLog.Api.Hosting;
using HipLog.Api.Profiles;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HipLog.Api.Trends;

/// <param name="Url">Opens the runner's pain-trend report in a browser, with no other credential, until <paramref name="ExpiresAt"/>.</param>
/// <param name="SummaryUrl">Opens the printable clinician summary (12 weeks; add &amp;weeks=1…52) with the same link token.</param>
public sealed record ReportLinkResponse(string Url, string SummaryUrl, DateTimeOffset ExpiresAt);

public static class CreateReportLinkEndpoint
{
    /// <summary>
    /// Links to the runner's report page and clinician summary that work for 15 minutes and for nothing else, to open in a
    /// browser or hand to a clinician. One token serves both pages; a bearer token never goes into a URL.
    /// </summary>
    [WolverinePost("/runners/{runnerId}/report-links"), Tags("Trends"), EndpointSummary("Short-lived links to the report page and the clinician summary")]
    [ProducesResponseType<ReportLinkResponse>(StatusCodes.Status201Created)]
    public static async Task<IResult> Post(string runnerId, AuthSettings auth, HttpContext http, Marten.IQuerySession session, CancellationToken ct)
    {
        if (!auth.HasSigningKey)
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Report links are not set up",
                detail: "This server signs report links with Auth:SigningKey, and none is configured.");

        // The token handler checks lifetimes against the real clock, so the link is dated by it too.
        var now = DateTimeOffset.UtcNow;
        var token = auth.MintReportLink(runnerId, now);
        var runner = $"{PublicUrls.Base(http.Request)}/runners/{Uri.EscapeDataString(runnerId)}";
        var expiresAt = Domain.Time.LocalCalendar.InZone(now + AuthSettings.ReportLinkLifetime, await RunnerZone.LoadAsync(session, runnerId, ct));
        return Results.Json(new ReportLinkResponse($"{runner}/pain-trend/report?link={token}", $"{runner}/clinician-summary?link={token}", expiresAt), statusCode: StatusCodes.Status201Created);
    }
}
