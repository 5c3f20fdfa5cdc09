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
        foreach (var kind in commit.GetEvents().Select(e => KindOf(e.EventType)).OfType<string>())
            HipLogMetrics.EntryWritten(kind);
        return Task.CompletedTask;
    }

    /// <summary>By the feature that owns the event: its namespace.</summary>
    public static string? KindOf(Type eventType) => eventType.Namespace switch
    {
        "HipLog.Domain.Runs" => "run",
        "HipLog.Domain.Pain" => "pain-report",
        "HipLog.Domain.Stretching" => "stretch-session",
        _ => null,
    };
}
