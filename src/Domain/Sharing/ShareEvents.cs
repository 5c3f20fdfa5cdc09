namespace HipLog.Domain.Sharing;

/// <summary>What a share lets a clinician read; each scope opens its own routes (docs/api.md, "Sharing with a clinician").</summary>
public enum ShareScope { Summary, Trend, Entries, Recommendations, Fhir, Alerts }

/// <summary>
/// A runner offers a share: the clinician who brings its code within 48 hours gets read-only access to what the scope
/// names, from the local day <paramref name="From"/> on, until <paramref name="ExpiresAt"/>. Only the code's hash is kept.
/// </summary>
public sealed record ShareOffered(
    Guid ShareId, string RunnerId, string Label, IReadOnlyList<ShareScope> Scope, DateOnly From, DateTimeOffset ExpiresAt,
    string CodeHash, DateTimeOffset CodeExpiresAt, DateTimeOffset OfferedAt);

/// <summary>A clinician took the share up. Their name is not in it: it is read from their profile, and goes with it.</summary>
public sealed record ShareAccepted(Guid ShareId, string RunnerId, string ClinicianId, DateTimeOffset AcceptedAt);

/// <summary>The runner took the share back: the clinician's next request for the runner is a 404.</summary>
public sealed record ShareRevoked(Guid ShareId, string RunnerId, DateTimeOffset RevokedAt);

/// <summary>The clinician ended the share on their side.</summary>
public sealed record ShareEnded(Guid ShareId, string RunnerId, string ClinicianId, DateTimeOffset EndedAt);

/// <summary>One read by the clinician, recorded before the answer is sent: the access log is these events.</summary>
/// <param name="What">The route read, such as "runs" or "pain-trend".</param>
/// <param name="From">The first day of the range the clinician asked for, after the share's own start cut it.</param>
public sealed record ShareAccessed(
    Guid AccessId, Guid ShareId, string RunnerId, string ClinicianId, string What, DateTimeOffset At, DateOnly? From, DateOnly? To);

/// <summary>A clinician's profile: their name, as runners see it on their shares.</summary>
public sealed record ClinicianRegistered(string ClinicianId, string DisplayName, DateTimeOffset RegisteredAt);

public sealed record ClinicianProfileUpdated(string ClinicianId, string DisplayName, DateTimeOffset UpdatedAt);
