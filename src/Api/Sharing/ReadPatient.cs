using HipLog.Api.Clinician;
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

/// <summary>
/// A clinician's read-only view of a patient, each read answered as the runner's own route answers it, within the share:
/// its scope, and nothing before its first day. <see cref="PatientReadPolicy"/> checks the share and records the read in its
/// access log before any of these runs; they only read.
/// </summary>
public static class ReadPatientEndpoints
{
    private const string Base = "/clinicians/{clinicianId}/patients/{runnerId}";

    [WolverineGet(Base + "/runs"), Tags("Clinicians"), EndpointSummary("A patient's runs (scope entries)")]
    [PatientRead(ShareScope.Entries, "runs")]
    [ProducesResponseType<Page<RunResponse>>(StatusCodes.Status200OK), ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden),
     ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static Task<IResult> Runs(string runnerId, string? from, string? to, string? limit, string? cursor, [NotBody] PatientRead read,
        IQuerySession session, CancellationToken ct) =>
        LogEntries.ListAsync<RunView>(runnerId, from, to, limit, cursor, session, RunResponse.From, ct, read.VisibleFrom);

    [WolverineGet(Base + "/pain-reports"), Tags("Clinicians"), EndpointSummary("A patient's pain reports (scope entries)")]
    [PatientRead(ShareScope.Entries, "pain-reports")]
    [ProducesResponseType<Page<PainReportResponse>>(StatusCodes.Status200OK)]
    public static Task<IResult> PainReports(string runnerId, string? from, string? to, string? limit, string? cursor,
        [NotBody] PatientRead read, IQuerySession session, CancellationToken ct) =>
        LogEntries.ListAsync<PainReportView>(runnerId, from, to, limit, cursor, session, PainReportResponse.From, ct, read.VisibleFrom);

    [WolverineGet(Base + "/stretch-sessions"), Tags("Clinicians"), EndpointSummary("A patient's stretch sessions (scope entries)")]
    [PatientRead(ShareScope.Entries, "stretch-sessions")]
    [ProducesResponseType<Page<StretchSessionResponse>>(StatusCodes.Status200OK)]
    public static Task<IResult> StretchSessions(string runnerId, string? from, string? to, string? limit, string? cursor,
        [NotBody] PatientRead read, IQuerySession session, CancellationToken ct) =>
        LogEntries.ListAsync<StretchSessionView>(runnerId, from, to, limit, cursor, session, StretchSessionResponse.From, ct,
            read.VisibleFrom);

    /// <summary>HttpContext only for the Accept header, which chooses JSON or CSV as on the runner's route.</summary>
    [WolverineGet(Base + "/pain-trend"), Tags("Clinicians"), EndpointSummary("A patient's pain trend (scope trend)")]
    [PatientRead(ShareScope.Trend, "pain-trend")]
    [ProducesResponseType<PainTrendResponse>(StatusCodes.Status200OK, "application/json", "text/csv")]
    public static Task<IResult> PainTrend(string runnerId, string? from, string? to, string? bucket, string? format,
        [NotBody] PatientRead read, IQuerySession session, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        GetPainTrendEndpoint.Get(runnerId, Cut(from, read, clock), to, bucket, format, session, clock, http, ct);

    [WolverineGet(Base + "/training-load"), Tags("Clinicians"), EndpointSummary("A patient's training load (scope trend)")]
    [PatientRead(ShareScope.Trend, "training-load")]
    [ProducesResponseType<TrainingLoadResponse>(StatusCodes.Status200OK)]
    public static Task<IResult> TrainingLoad(string runnerId, string? from, string? to, [NotBody] PatientRead read, IQuerySession session,
        TimeProvider clock, CancellationToken ct) =>
        GetTrainingLoadEndpoint.Get(runnerId, Cut(from, read, clock), to, session, clock, ct);

    [WolverineGet(Base + "/recommendations"), Tags("Clinicians"), EndpointSummary("A patient's recommendations (scope recommendations)")]
    [PatientRead(ShareScope.Recommendations, "recommendations")]
    [ProducesResponseType<Page<Domain.Watch.RecommendationPayload>>(StatusCodes.Status200OK)]
    public static Task<IResult> Recommendations(string runnerId, string? status, string? limit, string? cursor, [NotBody] PatientRead read,
        IQuerySession session, CancellationToken ct) =>
        ListRecommendationsEndpoint.ListAsync(runnerId, status, limit, cursor, session, ct, read.VisibleFrom);

    [WolverineGet(Base + "/clinician-summary"), Tags("Clinicians"), EndpointSummary("A patient's clinician summary page (scope summary)")]
    [PatientRead(ShareScope.Summary, "clinician-summary")]
    [ProducesResponseType<string>(StatusCodes.Status200OK, "text/html")]
    public static Task<IResult> Summary(string runnerId, string? weeks, [NotBody] PatientRead read, IQuerySession session,
        TimeProvider clock, CancellationToken ct) =>
        GetClinicianSummaryEndpoint.RenderAsync(runnerId, weeks, session, clock, ct, read.Share.From);

    [WolverineGet(Base + "/fhir"), Tags("Clinicians"), EndpointSummary("A patient's FHIR R4 Bundle of observations (scope fhir)")]
    [PatientRead(ShareScope.Fhir, "fhir")]
    [ProducesResponseType<string>(StatusCodes.Status200OK, PatientBundle.ContentType)]
    public static Task<IResult> Fhir(string runnerId, [NotBody] PatientRead read, IQuerySession session, TimeProvider clock,
        CancellationToken ct) =>
        PatientBundle.ReadAsync(runnerId, read, session, clock, ct);

    private static string? Cut(string? from, PatientRead read, TimeProvider clock) =>
        PatientAccess.FromOrShareStart(from, read, GetPainTrendEndpoint.DefaultDays, clock.GetUtcNow());
}
