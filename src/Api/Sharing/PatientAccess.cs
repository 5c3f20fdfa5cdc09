using System.Globalization;
using HipLog.Domain.Profiles;
using HipLog.Domain.Sharing;
using HipLog.Domain.Time;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HipLog.Api.Sharing;

/// <summary>
/// A clinician's read of a patient, let through: the share that allows it, the patient's zone, and the read's entry in the
/// access log, being committed while the endpoint reads (the answer waits for it, <see cref="PatientAccess.LoggedAsync"/>).
/// </summary>
public sealed record PatientRead(ShareView Share, TimeZoneInfo Zone, Task Logged)
{
    /// <summary>The first instant the clinician may see: the start of the share's first local day.</summary>
    public DateTimeOffset VisibleFrom => LocalCalendar.StartOfDay(Share.From, Zone);
}

/// <summary>
/// What every read of a patient does first, before its answer: find the clinician's active share of this runner (none is a
/// 404, the same as a runner who is nobody's patient), check that its scope allows the read (a 403 naming the scope
/// missing), and record the read in the share's access log in its own transaction. A read that is refused is not logged.
/// The log's commit (a round trip, three statements and a flush) runs on a session of its own while the endpoint reads, and the
/// answer is sent only once it is done: the read costs the clinician about what it costs the runner, and an answer never
/// leaves without its entry. A log that cannot be written fails the read.
/// </summary>
public static class PatientAccess
{
    public const string VisibleFromHeader = "HipLog-Visible-From";
    public const string RangeCutHeader = "HipLog-Range-Cut";

    /// <summary>
    /// Put before every read of a patient by <see cref="PatientReadPolicy"/>: the route's own scope and name come from its
    /// <see cref="PatientReadAttribute"/>, the range from its from and to.
    /// </summary>
    public static async Task<(IResult, PatientRead?)> OpenAsync(string clinicianId, string runnerId, HttpContext http,
        IQuerySession session, IDocumentStore store, TimeProvider clock, CancellationToken ct)
    {
        var read = http.GetEndpoint()?.Metadata.GetMetadata<PatientReadAttribute>()
            ?? throw new InvalidOperationException($"{http.Request.Path}: a read of a patient names its scope with [PatientRead].");
        var (from, to) = ((string?)http.Request.Query["from"], (string?)http.Request.Query["to"]);
        // The summary's own parameter is checked before the read is logged, as the range is: a refused read is not logged.
        if (read.Scope == ShareScope.Summary
            && !Clinician.GetClinicianSummaryEndpoint.TryParseWeeks(http.Request.Query["weeks"], out _, out var weeks))
            return (Results.Problem(weeks), null);
        var (opened, problem) = await OpenAsync(new Reader(clinicianId, runnerId, read), from, to, session, store, clock, http, ct);
        return opened is null ? (Results.Problem(problem), null) : (WolverineContinue.Result(), opened);
    }

    /// <summary>Put after every read of a patient by <see cref="PatientReadPolicy"/>, before its answer is written.</summary>
    public static Task LoggedAsync(PatientRead read) => read.Logged;

    private sealed record Reader(string ClinicianId, string RunnerId, PatientReadAttribute Read);

    private static async Task<(PatientRead?, ProblemDetails)> OpenAsync(Reader reader, string? from, string? to, IQuerySession session,
        IDocumentStore store, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var (clinicianId, runnerId, scope) = (reader.ClinicianId, reader.RunnerId, reader.Read.Scope);
        var now = clock.GetUtcNow();
        var bad = new Http.Problems.FieldErrors()
            .When(from is not null && Day(from) is null, "from", "Must be a local date (yyyy-MM-dd) or a date-time with an offset.")
            .When(to is not null && Day(to) is null, "to", "Must be a local date (yyyy-MM-dd) or a date-time with an offset.");
        if (!bad.IsEmpty)
            return (null, bad.ToProblem());
        // The share and the runner's zone in one round trip: every read of a patient pays for this look.
        var batch = session.CreateBatchQuery();
        var (sharing, profile) = (ShareQueries.PatientShareAsync(batch, clinicianId, runnerId, now), batch.Load<RunnerProfile>(runnerId));
        await batch.Execute(ct);
        if (await sharing is not { } share)
            return (null, Http.Problems.Problem.Missing("patient with this id who shares with you now"));
        if (!share.Scope.Contains(scope))
            return (null, new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden, Title = "Outside what the runner shared",
                Detail = $"This read needs the '{Domain.Wire.Kebab.Of(scope)}' scope, which the runner's share does not include.",
            });

        var zone = LocalCalendar.ZoneOrUtc((await profile)?.TimeZone);
        var (first, last) = (Day(from), Day(to));
        var cut = first is null || first < share.From;
        http.Response.Headers[VisibleFromHeader] = share.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (cut && first is not null)
            http.Response.Headers[RangeCutHeader] = $"from {share.From:yyyy-MM-dd}: nothing earlier is shared";
        var access = Shares.Access(share, Guid.CreateVersion7(), reader.Read.What, cut ? share.From : first, last, now);
        return (new PatientRead(share, zone, LogAsync(store, share, access, ct)), WolverineContinue.NoProblems);
    }

    private static async Task LogAsync(IDocumentStore store, ShareView share, ShareAccessed access, CancellationToken ct)
    {
        await using var log = store.LightweightSession();
        log.Events.Append(Shares.AccessStreamFor(share.ShareId), access);
        await log.SaveChangesAsync(ct);
    }

    /// <summary>The local date a range starts or ends on, when it names one (a date-time's own date).</summary>
    private static DateOnly? Day(string? value) =>
        value is null ? null
        : DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day
        : DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? DateOnly.FromDateTime(at.DateTime)
        : null;

    /// <summary>
    /// The "from" a ranged read runs with: the one asked, or the read's own default of <paramref name="defaultDays"/>, cut to the
    /// share's first day.
    /// </summary>
    public static string? FromOrShareStart(string? from, PatientRead read, int defaultDays, DateTimeOffset now)
    {
        var first = Day(from) ?? LocalCalendar.LocalDay(now, read.Zone).AddDays(1 - defaultDays);
        return first >= read.Share.From ? from : read.Share.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
