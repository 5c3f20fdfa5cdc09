using Marten;
using Marten.Patching;

namespace HipLog.Domain.Storage;

/// <summary>
/// How the per-entry views change. Each write touches only its own row and reads nothing first: a new entry is
/// inserted, a correction is patched in place (so its count of corrections needs no read), a retraction deletes
/// the row. A correction that arrives after a retraction patches nothing, so it cannot bring the entry back.
/// </summary>
public static class LogEntryViews
{
    public static void Correct<TView, TDetails>(IDocumentOperations ops, Guid id,
        System.Linq.Expressions.Expression<Func<TView, TDetails>> details, TDetails corrected, DateTimeOffset occurredAt)
        where TView : ILogEntryView, ICorrectable =>
        ops.Patch<TView>(id)
            .Set(details, corrected)
            .Set(v => v.OccurredAt, occurredAt)
            .Increment(v => v.Corrections);
}

/// <summary>An entry that counts how often it was corrected.</summary>
public interface ICorrectable
{
    int Corrections { get; }
}
