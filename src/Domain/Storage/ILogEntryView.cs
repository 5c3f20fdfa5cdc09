namespace HipLog.Domain.Storage;

/// <summary>A projected entry of a runner's log (a run, a pain report, a stretch session) as it stands now.</summary>
public interface ILogEntryView
{
    Guid Id { get; }

    string RunnerId { get; }

    /// <summary>When it happened in the runner's world; stored so that date ranges are an index scan.</summary>
    DateTimeOffset OccurredAt { get; }
}

/// <summary>An event of an entry of a runner's log; the kind is what the entry is (run, pain-report, stretch-session).</summary>
public interface ILogEntryEvent
{
    string RunnerId { get; }

    string EntryKind { get; }
}
