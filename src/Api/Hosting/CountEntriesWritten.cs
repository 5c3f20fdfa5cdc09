using HipLog.Domain.Storage;
using HipLog.ServiceDefaults;
using Marten;
using Marten.Services;

namespace HipLog.Api.Hosting;

/// <summary>
/// Counts the log entries each committed session wrote (hiplog.entries.written): one place, after the commit, however
/// many endpoints record, correct or retract runs, pain reports and stretch sessions.
/// </summary>
public sealed class CountEntriesWritten : DocumentSessionListenerBase
{
    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        foreach (var entry in commit.GetEvents().Select(e => e.Data).OfType<ILogEntryEvent>())
            HipLogMetrics.EntryWritten(entry.EntryKind);
        return Task.CompletedTask;
    }
}
