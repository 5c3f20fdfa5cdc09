using HipLog.Domain.Webhooks;
using Marten;
using Marten.Services.BatchQuerying;

namespace HipLog.Domain.Sharing;

/// <summary>What a runner's erasure removes of their sharing: shares, access logs, alerts about them and the alerts' deliveries.</summary>
public static class SharingErasure
{
    /// <summary>
    /// The streams of the runner's shares and access logs. A clinician's read that raced the erasure may have logged itself to a
    /// stream whose share is gone already: it is found by its entry.
    /// </summary>
    public static async Task<IReadOnlyList<string>> StreamsAsync(IQuerySession query, string runnerId)
    {
        var shares = (await query.Query<ShareView>().Where(s => s.RunnerId == runnerId).Select(s => s.ShareId).ToListAsync())
            .Union(await query.Query<ShareAccess>().Where(a => a.RunnerId == runnerId).Select(a => a.ShareId).ToListAsync());
        return shares.SelectMany(id => (string[])[Shares.StreamFor(id), Shares.AccessStreamFor(id)]).ToList();
    }

    public static async Task DeleteAsync(IDocumentSession session, string runnerId)
    {
        var alerts = await session.Query<ClinicianAlert>().Where(a => a.RunnerId == runnerId).Select(a => a.Id).ToListAsync();
        foreach (var id in alerts)
            session.Delete<WebhookDelivery>(id);
        session.DeleteWhere<ClinicianAlert>(x => x.RunnerId == runnerId);
        session.DeleteWhere<ShareView>(x => x.RunnerId == runnerId);
        session.DeleteWhere<ShareAccess>(x => x.RunnerId == runnerId);
    }

    /// <summary>What is left, by name, for the erasure's complete look.</summary>
    public static IEnumerable<(string Name, Task<bool> Found)> Left(IBatchedQuery batch, string runnerId) =>
    [
        ("shares", batch.Query<ShareView>().Where(x => x.RunnerId == runnerId).Any()),
        ("access logs", batch.Query<ShareAccess>().Where(x => x.RunnerId == runnerId).Any()),
        ("clinician alerts", batch.Query<ClinicianAlert>().Where(x => x.RunnerId == runnerId).Any()),
    ];
}
