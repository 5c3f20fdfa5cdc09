using System.Linq.Expressions;
using Marten;
using Marten.Services.BatchQuerying;

namespace HipLog.Domain.Sharing;

/// <summary>What a runner asks for when sharing; validated by the Api.</summary>
public sealed record ShareTerms(string Label, IReadOnlyList<ShareScope> Scope, DateOnly From, DateTimeOffset ExpiresAt);

/// <summary>
/// The decisions about shares, each a pure function of what is stored and what was asked. The ids and the code come in
/// from the endpoint, as time does.
/// </summary>
public static class Shares
{
    public static readonly TimeSpan DefaultLength = TimeSpan.FromDays(90);
    public static readonly TimeSpan LongestLength = TimeSpan.FromDays(366);
    public const int DefaultWeeksBack = 12;

    public static string StreamFor(Guid shareId) => $"share~{shareId:N}";

    /// <summary>
    /// A share's access log, a stream apart from the share's own: reads append to it concurrently without a version, while
    /// the share's stream changes only with its state, each change checked against the version it was decided on.
    /// </summary>
    public static string AccessStreamFor(Guid shareId) => $"share-access~{shareId:N}";

    /// <summary>A clinician's stream: "~" is outside the id alphabet, so it can never be a runner's.</summary>
    public static string ClinicianStream(string clinicianId) => $"clinician~{clinicianId}";

    public static ShareOffered Offer(string runnerId, Guid shareId, ShareTerms terms, string code, DateTimeOffset now) =>
        new(shareId, runnerId, terms.Label, terms.Scope.Distinct().Order().ToList(), terms.From, terms.ExpiresAt,
            ShareCodes.Hash(code), now + ShareCodes.ValidFor, now);

    /// <summary>The acceptance, or none when the code is not one a clinician may use now (unknown, used, revoked or expired).</summary>
    public static ShareAccepted? Accept(ShareView? share, string clinicianId, DateTimeOffset now) =>
        share is { State: ShareState.Invited } && share.StatusAt(now) == "invited"
            ? new ShareAccepted(share.ShareId, share.RunnerId, clinicianId, now)
            : null;

    /// <summary>None when the share is closed already: revoking twice records nothing.</summary>
    public static ShareRevoked? Revoke(ShareView share, DateTimeOffset now) =>
        share.State is ShareState.Invited or ShareState.Active ? new ShareRevoked(share.ShareId, share.RunnerId, now) : null;

    public static ShareEnded? End(ShareView share, string clinicianId, DateTimeOffset now) =>
        share.State == ShareState.Active && share.ClinicianId == clinicianId
            ? new ShareEnded(share.ShareId, share.RunnerId, clinicianId, now)
            : null;

    public static ShareAccessed Access(ShareView share, Guid accessId, string what, DateOnly? from, DateOnly? to, DateTimeOffset now) =>
        new(accessId, share.ShareId, share.RunnerId, share.ClinicianId!, what, now, from, to);
}

/// <summary>
/// A clinician's wrong codes of the last 15 minutes: more than 5 and the next try is a 429, whatever the code. 40 bits
/// of code against 5 tries a quarter-hour is about 10^11 years of guessing per share.
/// </summary>
public sealed record ShareCodeAttempts(string Id, IReadOnlyList<DateTimeOffset> Wrong)
{
    public const int MaxWrong = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    public static string IdFor(string clinicianId) => Shares.ClinicianStream(clinicianId);

    public IReadOnlyList<DateTimeOffset> Within(DateTimeOffset now) => Wrong.Where(t => t > now - Window).ToList();

    public bool Blocked(DateTimeOffset now) => Within(now).Count >= MaxWrong;

    /// <summary>When the oldest wrong code of the window leaves it: the Retry-After.</summary>
    public TimeSpan RetryAfter(DateTimeOffset now) => Within(now).Min() + Window - now;

    public static ShareCodeAttempts After(ShareCodeAttempts? attempts, string clinicianId, DateTimeOffset now) =>
        new(IdFor(clinicianId), [.. attempts?.Within(now) ?? [], now]);
}

/// <summary>The looks at shares that more than one feature makes.</summary>
public static class ShareQueries
{
    /// <summary>The clinician's shares of the runner that are active now (usually one; a runner may share twice).</summary>
    public static async Task<IReadOnlyList<ShareView>> ActiveAsync(IQuerySession session, string clinicianId, string runnerId,
        DateTimeOffset now, CancellationToken ct = default) =>
        await session.Query<ShareView>().Where(Active(clinicianId, runnerId, now)).ToListAsync(ct);

    /// <summary>The share a clinician reads a patient through: the latest accepted of the active ones.</summary>
    public static async Task<ShareView?> PatientShareAsync(IQuerySession session, string clinicianId, string runnerId,
        DateTimeOffset now, CancellationToken ct = default) =>
        (await ActiveAsync(session, clinicianId, runnerId, now, ct)).MaxBy(s => s.AcceptedAt);

    /// <summary>The same look, in a batch with others: one round trip for the share and what the read needs with it.</summary>
    public static async Task<ShareView?> PatientShareAsync(IBatchedQuery batch, string clinicianId, string runnerId, DateTimeOffset now) =>
        (await batch.Query<ShareView>().Where(Active(clinicianId, runnerId, now)).ToList()).MaxBy(s => s.AcceptedAt);

    private static Expression<Func<ShareView, bool>> Active(string clinicianId, string runnerId, DateTimeOffset now) =>
        s => s.ClinicianId == clinicianId && s.RunnerId == runnerId && s.State == ShareState.Active && s.ExpiresAt > now;
}
