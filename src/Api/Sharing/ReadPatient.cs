using HipLog.Api.Http.Lists;
using HipLog.Api.Pain;
using HipLog.Api.Runs;
using HipLog.Api.Stretching;
using HipLog.Api.Trends;
using HipLog.Api.Watch;
using HipLog.Domain.Pain;
using HipLog.Domain.Runs;
using HipLog.Domain.Sharing;
using HipLog.Domain.Stretching;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HipLog.Api.Sharing;

/// <summary>Who reads whom, and with what: the parts every read of a patient needs.</summary>
public sealed record PatientReader(string ClinicianId, string RunnerId, IDocumentSession Session, TimeProvider Clock, HttpContext Http,
    CancellationToken Ct);

/// <summary>
/// A clinician's read-only view of a patient, each read answered as the runner's own route answers it, within the share:
/// its scope, and nothing before its first day. Each is recorded in the share's access log before the answer
/// (<see cref="PatientAccess"/>). No route here writes to the runner's log.
/// </summary>
public static class ReadPatientEndpoints
{
    private const string Base = "/clinicians/{clinicianId}/patients/{runnerId}";

    [WolverineGet(Base + "/runs"), Tags("Clinicians"), EndpointSummary("A patient's runs (scope entries)")]
    [ProducesResponseType<Page<RunResponse>>(StatusCodes.Status200OK), ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden),
     ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static Task<IResult> Runs(string clinicianId, string runnerId, string? from, string? to, string? limit, string? cursor,
        IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        ReadAsync(new(clinicianId, runnerId, session, clock, http, ct), ShareScope.Entries, "runs", from, to,
            r => LogEntries.ListAsync<RunView>(runnerId, from, to, limit, cursor, session, RunResponse.From, ct, r.VisibleFrom));

    [WolverineGet(Base + "/pain-reports"), Tags("Clinicians"), EndpointSummary("A patient's pain reports (scope entries)")]
    [ProducesResponseType<Page<PainReportResponse>>(StatusCodes.Status200OK)]
    public static Task<IResult> PainReports(string clinicianId, string runnerId, string? from, string? to, string? limit, string? cursor,
        IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        ReadAsync(new(clinicianId, runnerId, session, clock, http, ct), ShareScope.Entries, "pain-reports", from, to,
            r => LogEntries.ListAsync<PainReportView>(runnerId, from, to, limit, cursor, session, PainReportResponse.From, ct,
                r.VisibleFrom));

    [WolverineGet(Base + "/stretch-sessions"), Tags("Clinicians"), EndpointSummary("A patient's stretch sessions (scope entries)")]
    [ProducesResponseType<Page<StretchSessionResponse>>(StatusCodes.Status200OK)]
    public static Task<IResult> StretchSessions(string clinicianId, string runnerId, string? from, string? to, string? limit,
        string? cursor, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        ReadAsync(new(clinicianId, runnerId, session, clock, http, ct), ShareScope.Entries, "stretch-sessions", from, to,
            r => LogEntries.ListAsync<StretchSessionView>(runnerId, from, to, limit, cursor, session, StretchSessionResponse.From, ct,
                r.VisibleFrom));

    [WolverineGet(Base + "/pain-trend"), Tags("Clinicians"), EndpointSummary("A patient's pain trend (scope trend)")]
    [ProducesResponseType<PainTrendResponse>(StatusCodes.Status200OK, "application/json", "text/csv")]
    public static Task<IResult> PainTrend(string clinicianId, string runnerId, string? from, string? to, string? bucket, string? format,
        IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        ReadAsync(new(clinicianId, runnerId, session, clock, http, ct), ShareScope.Trend, "pain-trend", from, to,
            r => GetPainTrendEndpoint.Get(runnerId, Cut(from, r, clock), to, bucket, format, session, clock, http, ct));

    [WolverineGet(Base + "/training-load"), Tags("Clinicians"), EndpointSummary("A patient's training load (scope trend)")]
    [ProducesResponseType<TrainingLoadResponse>(StatusCodes.Status200OK)]
    public static Task<IResult> TrainingLoad(string clinicianId, string runnerId, string? from, string? to, IDocumentSession session,
        TimeProvider clock, HttpContext http, CancellationToken ct) =>
        ReadAsync(new(clinicianId, runnerId, session, clock, http, ct), ShareScope.Trend, "training-load", from, to,
            r => GetTrainingLoadEndpoint.Get(runnerId, Cut(from, r, clock), to, session, clock, ct));

    [WolverineGet(Base + "/recommendations"), Tags("Clinicians"), EndpointSummary("A patient's recommendations (scope recommendations)")]
    [ProducesResponseType<Page<Domain.Watch.RecommendationPayload>>(StatusCodes.Status200OK)]
    public static Task<IResult> Recommendations(string clinicianId, string runnerId, string? status, string? limit, string? cursor,
        IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        ReadAsync(new(clinicianId, runnerId, session, clock, http, ct), ShareScope.Recommendations, "recommendations", null, null,
            r => ListRecommendationsEndpoint.ListAsync(runnerId, status, limit, cursor, session, ct, r.VisibleFrom));

    [WolverineGet(Base + "/clinician-summary"), Tags("Clinicians"), EndpointSummary("A patient's clinician summary page (scope summary)")]
    [ProducesResponseType<string>(StatusCodes.Status200OK, "text/html")]
    public static Task<IResult> Summary(string clinicianId, string runnerId, string? weeks, IDocumentSession session, TimeProvider clock,
        HttpContext http, CancellationToken ct) =>
        !Clinician.GetClinicianSummaryEndpoint.TryParseWeeks(weeks, out _, out var bad) ? Task.FromResult(Results.Problem(bad))
            : ReadAsync(new(clinicianId, runnerId, session, clock, http, ct), ShareScope.Summary, "clinician-summary", null, null,
                r => Clinician.GetClinicianSummaryEndpoint.RenderAsync(runnerId, weeks, session, clock, ct, r.Share.From));

    [WolverineGet(Base + "/fhir"), Tags("Clinicians"), EndpointSummary("A patient's FHIR R4 Bundle of observations (scope fhir)")]
    [ProducesResponseType<string>(StatusCodes.Status200OK, PatientBundle.ContentType)]
    public static Task<IResult> Fhir(string clinicianId, string runnerId, IDocumentSession session, TimeProvider clock, HttpContext http,
        CancellationToken ct) =>
        ReadAsync(new(clinicianId, runnerId, session, clock, http, ct), ShareScope.Fhir, "fhir", null, null,
            r => PatientBundle.ReadAsync(runnerId, r, session, clock, ct));

    private static string? Cut(string? from, PatientRead read, TimeProvider clock) =>
        PatientAccess.FromOrShareStart(from, read, GetPainTrendEndpoint.DefaultDays, clock.GetUtcNow());

    private static async Task<IResult> ReadAsync(PatientReader who, ShareScope scope, string what, string? from, string? to,
        Func<PatientRead, Task<IResult>> answer)
    {
        var (read, problem) = await PatientAccess.OpenAsync(who.ClinicianId, who.RunnerId, scope, what, from, to, who.Session, who.Clock,
            who.Http, who.Ct);
        return read is null ? Results.Problem(problem) : await answer(read);
    }
}
