namespace HipLog.Domain.Storage;

/// <summary>A projected entry of a runner's log (a run, a pain report, a stretch session) as it stands now.</summary>
public interface ILogEntryView
{
    Guid Id { get; }

    string RunnerId { get; }

    /// <summary>When it happened in the runner's world; stored so that date ranges are an index scan.</summary>
    DateTimeOffset OccurredAt { get; }
}
