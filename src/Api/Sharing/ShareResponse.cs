using System.Text.Json.Serialization;
using HipLog.Api.Http.Writes;
using HipLog.Domain.Sharing;
using HipLog.Domain.Time;

namespace HipLog.Api.Sharing;

/// <summary>A share as its runner sees it.</summary>
/// <param name="Code">The one-time code for the clinician, only in the answer that created the share.</param>
/// <param name="Status">invited, active, revoked, ended or expired.</param>
public sealed record ShareResponse(
    Guid Id, string Label, IReadOnlyList<ShareScope> Scope, DateOnly From, DateTimeOffset ExpiresAt, string Status,
    DateTimeOffset CreatedAt, DateTimeOffset CodeExpiresAt, string? ClinicianId, string? ClinicianName, DateTimeOffset? AcceptedAt,
    DateTimeOffset? LastAccessAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Code = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CodeNote = null) : IReplayable
{
    public object ForReplay() => Code is null ? this
        : this with { Code = null, CodeNote = "The code was shown only in the first answer and is not kept; revoke this share and " +
            "create another for a new code." };

    public static string PathOf(string runnerId, Guid shareId) => $"/runners/{runnerId}/shares/{shareId}";

    public static ShareResponse Of(ShareView s, DateTimeOffset now, TimeZoneInfo zone, string? code = null) =>
        new(s.ShareId, s.Label, s.Scope, s.From, LocalCalendar.InZone(s.ExpiresAt, zone), s.StatusAt(now),
            LocalCalendar.InZone(s.OfferedAt, zone), LocalCalendar.InZone(s.CodeExpiresAt, zone), s.ClinicianId, s.ClinicianName,
            s.AcceptedAt is { } accepted ? LocalCalendar.InZone(accepted, zone) : null,
            s.LastAccessAt is { } last ? LocalCalendar.InZone(last, zone) : null,
            code is null ? null : ShareCodes.Display(code));
}
