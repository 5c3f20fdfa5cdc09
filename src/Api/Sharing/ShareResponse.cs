using System.Text.Json.Serialization;
using HipLog.Api.Http.Writes;
using HipLog.Domain.Sharing;
using HipLog.Domain.Time;
using Marten;

namespace HipLog.Api.Sharing;

/// <summary>A share as its runner sees it.</summary>
/// <param name="Code">The one-time code for the clinician, only in the answer that created the share.</param>
/// <param name="Status">invited, active, revoked, ended or expired.</param>
/// <param name="ClinicianName">The clinician's name as their profile has it now; "erased clinician" once it is gone.</param>
public sealed record ShareResponse(
    Guid Id, string Label, IReadOnlyList<ShareScope> Scope, DateOnly From, DateTimeOffset ExpiresAt, string Status,
    DateTimeOffset CreatedAt, DateTimeOffset CodeExpiresAt, string? ClinicianId, string? ClinicianName, DateTimeOffset? AcceptedAt,
    DateTimeOffset? LastAccessAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Code = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CodeNote = null) : IReplayable
{
    public const string ErasedClinician = "erased clinician";

    public object ForReplay() => Code is null ? this
        : this with { Code = null, CodeNote = "The code was shown only in the first answer and is not kept; revoke this share and " +
            "create another for a new code." };

    public static string PathOf(string runnerId, Guid shareId) => $"/runners/{runnerId}/shares/{shareId}";

    public static ShareResponse Of(ShareView s, DateTimeOffset now, TimeZoneInfo zone, ShareFacts? facts = null, string? code = null) =>
        new(s.ShareId, s.Label, s.Scope, s.From, LocalCalendar.InZone(s.ExpiresAt, zone), s.StatusAt(now),
            LocalCalendar.InZone(s.OfferedAt, zone), LocalCalendar.InZone(s.CodeExpiresAt, zone), s.ClinicianId,
            s.ClinicianId is null ? null : facts?.NameOf(s.ClinicianId) ?? ErasedClinician,
            LocalCalendar.InZone(s.AcceptedAt, zone), LocalCalendar.InZone(facts?.LastAccess.GetValueOrDefault(s.ShareId), zone),
            code is null ? null : ShareCodes.Display(code));
}

/// <summary>What a share's answer shows beside the share itself: its clinician's name and its last read.</summary>
public sealed record ShareFacts(IReadOnlyDictionary<string, string> Names, IReadOnlyDictionary<Guid, DateTimeOffset?> LastAccess)
{
    public string? NameOf(string clinicianId) => Names.GetValueOrDefault(clinicianId);

    /// <summary>For some shares, in one round trip: each last read walks the access log's index on (share, time) from its end.</summary>
    public static async Task<ShareFacts> LoadAsync(IQuerySession session, IReadOnlyCollection<ShareView> shares, CancellationToken ct)
    {
        var batch = session.CreateBatchQuery();
        var profiles = batch.LoadMany<ClinicianProfile>().ById(shares.Where(s => s.ClinicianId is not null)
            .Select(s => Shares.ClinicianStream(s.ClinicianId!)).Distinct().ToArray());
        var last = shares.Select(s => (s.ShareId, At: batch.Query<ShareAccess>().Where(a => a.ShareId == s.ShareId)
            .OrderByDescending(a => a.At).Select(a => a.At).ToList())).ToList();
        await batch.Execute(ct);
        var names = (await profiles).ToDictionary(c => c.ClinicianId, c => c.DisplayName);
        var lastAccess = new Dictionary<Guid, DateTimeOffset?>();
        foreach (var (id, at) in last)
            lastAccess[id] = (await at).Cast<DateTimeOffset?>().FirstOrDefault();
        return new ShareFacts(names, lastAccess);
    }
}
