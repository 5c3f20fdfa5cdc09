using HipLog.Api.Infrastructure;
using HipLog.Domain.Pain;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HipLog.Api.Pain;

public static class CorrectPainReportEndpoint
{
    public static ProblemDetails Validate(PainReportRequest? request, TimeProvider clock) => PainReportRequest.Validate(request, clock);

    /// <summary>Replaces every field of a pain report with the ones sent; the trends then count it as if it had always said so.</summary>
    [WolverinePut("/runners/{runnerId}/pain-reports/{reportId}"), Tags("Pain reports"), EndpointSummary("Correct a pain report")]
    [ProducesResponseType<PainReportResponse>(StatusCodes.Status200OK), ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static async Task<IResult> Put(string runnerId, Guid reportId, PainReportRequest request, IDocumentSession session,
        HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        if (await LogEntries.FindAsync<PainReportView>(session, runnerId, reportId, ct) is not { } current)
            return Problems.NotFound("pain report with this id in this runner's log");
        if (await request.CheckRunLinkAsync(runnerId, session, ct) is { } problem)
            return problem;

        var details = request.ToDetails();
        if (details == current.Report)
            return Written.Ok(http, session, PainReportResponse.From(current));

        session.Events.Append(runnerId, new PainReportCorrected(runnerId, reportId, details, clock.GetUtcNow()));
        return Written.Ok(http, session, PainReportResponse.From(current with { Report = details, Corrections = current.Corrections + 1 }));
    }
}
