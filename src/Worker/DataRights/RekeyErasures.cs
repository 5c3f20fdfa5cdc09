using HipLog.Domain.DataRights;
using Marten;

namespace HipLog.Worker.DataRights;

/// <summary>
/// Moves the erasures recorded under a bare SHA-256 of the runner id (before <see cref="ErasureKeys"/>) to their HMAC
/// key, once, when a Worker starts: the record is stored again under the new key, and the old record and its request
/// stream (whose event carried the bare hash) are deleted. Every step can run twice, so two Workers starting at once
/// do no harm.
/// </summary>
public sealed class RekeyErasures(IDocumentStore store, ErasureKeys keys, ILogger<RekeyErasures> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var bare = await session.Query<ErasureRequest>().Where(r => !r.Id.StartsWith(ErasureKeys.Prefix)).ToListAsync(ct);
        if (bare.Count == 0)
            return;
        foreach (var request in bare)
        {
            session.Store(request with { Id = keys.Rekey(request.Id) });
            session.Delete<ErasureRequest>(request.Id);
        }

        await session.SaveChangesAsync(ct);
        foreach (var request in bare)
            await store.Advanced.Clean.DeleteSingleEventStreamAsync(RunnerErasure.StreamFor(request.Id), ct: ct);
        logger.LogInformation("Moved {Count} erasure records from a bare hash to their HMAC key", bare.Count);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
