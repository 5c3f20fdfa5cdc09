using HipLog.Domain.Sharing;
using HipLog.Domain.Storage;
using HipLog.Domain.Webhooks;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace HipLog.Api.Sharing;

/// <summary>A clinician's footprint: their profile, the shares they hold open, and their alerts (each one a delivery too).</summary>
public sealed record ClinicianFootprint(ClinicianProfile? Profile, IReadOnlyList<ShareView> OpenShares, IReadOnlyList<string> Alerts,
    ShareCodeAttempts? Attempts);

public static class EraseClinicianEndpoint
{
    public static async Task<ClinicianFootprint> LoadAsync(string clinicianId, IDocumentSession session, CancellationToken ct) =>
        new(await session.LoadAsync<ClinicianProfile>(Shares.ClinicianStream(clinicianId), ct),
            await session.Query<ShareView>().Where(s => s.ClinicianId == clinicianId && s.State == ShareState.Active).ToListAsync(ct),
            await session.Query<ClinicianAlert>().Where(a => a.ClinicianId == clinicianId).Select(a => a.Id).ToListAsync(ct),
            await session.LoadAsync<ShareCodeAttempts>(ShareCodeAttempts.IdFor(clinicianId), ct));

    /// <summary>
    /// Erases a clinician: every share they hold ends at once (their patients see it "ended"), and their profile, its stream,
    /// their webhook, their alerts and their record of wrong codes are deleted, in one transaction. The runners' access logs keep
    /// each read, naming the clinician by id only and as "erased clinician". Erasing again changes nothing.
    /// </summary>
    [WolverineDelete("/clinicians/{clinicianId}"), Tags("Clinicians"), EndpointSummary("Erase a clinician")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public static (IResult, IEnumerable<IMartenOp>) Delete(string clinicianId, [NotBody] ClinicianFootprint footprint, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var key = Shares.ClinicianStream(clinicianId);
        var ops = footprint.OpenShares
            .Select(s => (Share: s, Ended: Shares.End(s, clinicianId, now)))
            .Where(s => s.Ended is not null)
            .Select(IMartenOp (s) => MartenOps.Append(s.Share.Id, s.Share.Version + 1, s.Ended!))
            .ToList();
        ops.Add(MartenOps.Delete<ClinicianProfile>(key));
        ops.Add(MartenOps.Delete<WebhookSubscription>(key));
        // By SQL: a delete through Marten would check the version of a document this request never loaded.
        if (footprint.Attempts is { } attempts)
            ops.Add(MartenOps.QueueSqlCommand($"delete from {HipLogStore.SchemaName}.mt_doc_sharecodeattempts where id = ?",
                attempts.Id));
        ops.AddRange(footprint.Alerts.SelectMany(id =>
            (IMartenOp[])[MartenOps.Delete<ClinicianAlert>(id), MartenOps.Delete<WebhookDelivery>(id)]));
        // The stream itself, not archived: an archived stream still holds the clinician's name.
        ops.Add(MartenOps.QueueSqlCommand($"delete from {HipLogStore.SchemaName}.mt_events where stream_id = ?", key));
        ops.Add(MartenOps.QueueSqlCommand($"delete from {HipLogStore.SchemaName}.mt_streams where id = ?", key));
        return (Results.NoContent(), ops);
    }
}
