using JasperFx.Events;
using Marten.Events.Aggregation;

namespace HipLog.Domain.Sharing;

public enum ShareState { Invited, Active, Revoked, Ended }

/// <summary>A share as it stands, one document per share stream (<see cref="Shares.StreamFor"/>).</summary>
/// <param name="CodeHash">The code's hash while the share waits for a clinician; none once accepted.</param>
public sealed record ShareView(
    string Id, Guid ShareId, string RunnerId, string Label, IReadOnlyList<ShareScope> Scope, DateOnly From, DateTimeOffset ExpiresAt,
    string? CodeHash, DateTimeOffset CodeExpiresAt, DateTimeOffset OfferedAt, ShareState State, string? ClinicianId = null,
    DateTimeOffset? AcceptedAt = null, DateTimeOffset? ClosedAt = null, long Version = 0)
{
    /// <summary>invited, active, revoked, ended or expired (an unused code after 48 hours, or any share past its end).</summary>
    public string StatusAt(DateTimeOffset now) => State switch
    {
        ShareState.Revoked => "revoked",
        ShareState.Ended => "ended",
        _ when now >= ExpiresAt => "expired",
        ShareState.Invited when now >= CodeExpiresAt => "expired",
        ShareState.Invited => "invited",
        _ => "active",
    };

    public bool IsActiveAt(DateTimeOffset now) => StatusAt(now) == "active";

    public static ShareView? After(ShareView? view, object data) => data switch
    {
        ShareOffered e => new ShareView(Shares.StreamFor(e.ShareId), e.ShareId, e.RunnerId, e.Label, e.Scope, e.From, e.ExpiresAt,
            e.CodeHash, e.CodeExpiresAt, e.OfferedAt, ShareState.Invited),
        ShareAccepted e when view is not null => view with
        {
            State = ShareState.Active, CodeHash = null, ClinicianId = e.ClinicianId, AcceptedAt = e.AcceptedAt,
        },
        ShareRevoked e when view is not null => view with { State = ShareState.Revoked, CodeHash = null, ClosedAt = e.RevokedAt },
        ShareEnded e when view is not null => view with { State = ShareState.Ended, ClosedAt = e.EndedAt },
        _ => view,
    };
}

public sealed partial class ShareViewProjection : SingleStreamProjection<ShareView, string>
{
    public ShareViewProjection()
    {
        IncludeType<ShareOffered>();
        IncludeType<ShareAccepted>();
        IncludeType<ShareRevoked>();
        IncludeType<ShareEnded>();
    }

    public override ShareView? Evolve(ShareView? snapshot, string id, IEvent e) =>
        ShareView.After(snapshot, e.Data) is { } view ? view with { Version = e.Version } : null;
}

/// <summary>One entry of a share's access log: a document per <see cref="ShareAccessed"/>, paged newest first.</summary>
public sealed record ShareAccess(Guid Id, Guid ShareId, string RunnerId, string ClinicianId, string What, DateTimeOffset At,
    DateOnly? From, DateOnly? To);

public sealed partial class ShareAccessProjection : Marten.Events.Projections.EventProjection
{
    public ShareAccessProjection()
    {
        Name = nameof(ShareAccess);
        Options.DeleteViewTypeOnTeardown<ShareAccess>();
    }

    // An insert, as the entry views: an access's id is new with its event.
    public void Project(ShareAccessed e, Marten.IDocumentOperations ops) =>
        ops.Insert(new ShareAccess(e.AccessId, e.ShareId, e.RunnerId, e.ClinicianId, e.What, e.At, e.From, e.To));
}

/// <summary>A clinician's profile, one document per clinician stream (<see cref="Shares.ClinicianStream"/>).</summary>
public sealed record ClinicianProfile(string Id, string ClinicianId, string DisplayName, DateTimeOffset RegisteredAt, long Version = 0)
{
    public static ClinicianProfile? After(ClinicianProfile? profile, object data) => data switch
    {
        ClinicianRegistered e => new ClinicianProfile(Shares.ClinicianStream(e.ClinicianId), e.ClinicianId, e.DisplayName, e.RegisteredAt),
        ClinicianProfileUpdated e when profile is not null => profile with { DisplayName = e.DisplayName },
        _ => profile,
    };
}

public sealed partial class ClinicianProfileProjection : SingleStreamProjection<ClinicianProfile, string>
{
    public ClinicianProfileProjection()
    {
        IncludeType<ClinicianRegistered>();
        IncludeType<ClinicianProfileUpdated>();
    }

    public override ClinicianProfile? Evolve(ClinicianProfile? snapshot, string id, IEvent e) =>
        ClinicianProfile.After(snapshot, e.Data) is { } profile ? profile with { Version = e.Version } : null;
}
