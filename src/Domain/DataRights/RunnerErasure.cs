namespace HipLog.Domain.DataRights;

public enum ErasureStatus { Pending, Done }

/// <summary>
/// A runner's request to be erased. It is keyed by <see cref="ErasureKeys.For"/>, not by the runner id, and the
/// runner id is dropped from it when the erasure is done: what stays says that some runner was erased, and when.
/// </summary>
/// <param name="RunnerId">Set while the erasure is pending (the Worker needs it to find the data); null once done.</param>
public sealed record ErasureRequest(string Id, string? RunnerId, ErasureStatus Status, DateTimeOffset RequestedAt,
    DateTimeOffset? CompletedAt);

/// <summary>
/// Appended to a stream of its own (<see cref="RunnerErasure.StreamFor"/>) so the Worker hears of the request at once
/// through its subscription. It carries the key only: the runner's own stream is about to be deleted.
/// </summary>
public sealed record RunnerErasureRequested(string Key, DateTimeOffset RequestedAt);

public static class RunnerErasure
{
    public static string StreamFor(string key) => $"erasure~{key}";

    /// <summary>A runner's request to be erased, pending until the Worker has erased everything.</summary>
    public static ErasureRequest Ask(string key, string runnerId, DateTimeOffset now)
        => new(key, runnerId, ErasureStatus.Pending, now, null);
}
