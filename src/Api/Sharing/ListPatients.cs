using HipLog.Domain.Sharing;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HipLog.Api.Sharing;

/// <param name="Light">green, amber, red or grey (no report in 7 days).</param>
/// <param name="Reasons">Why, in plain words.</param>
public sealed record PatientResponse(string RunnerId, string? DisplayName, string Label, IReadOnlyList<ShareScope> Scope, DateOnly From,
    DateTimeOffset ExpiresAt, Light Light, IReadOnlyList<string> Reasons, DateTimeOffset? LastReportAt, int OpenAdvisories);

public static class ListPatientsEndpoint
{
    /// <summary>
    /// The clinician's active patients, red first, then amber, green and grey, each with the pain traffic light and its reasons,
    /// their latest report, their open advices to see a clinician and when the share ends.
    /// </summary>
    [WolverineGet("/clinicians/{clinicianId}/patients"), Tags("Clinicians"), EndpointSummary("List patients with a pain traffic light")]
    [ProducesResponseType<IReadOnlyList<PatientResponse>>(StatusCodes.Status200OK)]
    public static async Task<IResult> List(string clinicianId, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // Whole documents, filtered here: a Select of their times would call a conversion function on every row in PostgreSQL.
        var shares = (await session.Query<ShareView>().Where(s => s.ClinicianId == clinicianId && s.State == ShareState.Active)
                .ToListAsync(ct))
            .Where(s => s.IsActiveAt(now)).GroupBy(s => s.RunnerId).Select(g => g.MaxBy(s => s.AcceptedAt)!).ToList();
        var lights = await PatientLights.LoadAsync(session, shares.Select(s => s.RunnerId).ToList(), now, ct);
        return Results.Ok(shares
            .Select(s => (Share: s, Light: lights[s.RunnerId]))
            .OrderBy(p => p.Light.Light).ThenByDescending(p => p.Light.LastReportAt).ThenBy(p => p.Share.RunnerId, StringComparer.Ordinal)
            .Select(p => new PatientResponse(p.Share.RunnerId, p.Light.DisplayName, p.Share.Label, p.Share.Scope, p.Share.From,
                p.Share.ExpiresAt, p.Light.Light, p.Light.Reasons, p.Light.LastReportAt, p.Light.OpenAdvisories))
            .ToList());
    }
}
