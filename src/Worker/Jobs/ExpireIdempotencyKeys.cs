using HipLog.Domain.Storage;
using Marten;

namespace HipLog.Worker.Jobs;

/// <summary>Hourly: forgets Idempotency-Key answers once they are past their retention (48 h, twice the promised 24 h).</summary>
public sealed class ExpireIdempotencyKeys(IDocumentStore store, TimeProvider clock)
{
    public const string RecurringJobId = "expire-idempotency-keys";

    public async Task RunAsync()
    {
        var cutoff = clock.GetUtcNow() - IdempotentResponse.Retention;
        await using var session = store.LightweightSession();
        session.DeleteWhere<IdempotentResponse>(r => r.RecordedAt < cutoff);
        await session.SaveChangesAsync();
    }
}
