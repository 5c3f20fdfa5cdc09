namespace HipLog.Domain.Watch;

/// <summary>
/// The events of one runner the watch could not judge, held back so that every other runner goes on. Their later events
/// join them, so the runner's order holds; they are judged again at RetryAt, later each time.
/// </summary>
public sealed record SetAsideEvents(string Id, IReadOnlyList<long> Sequences, string Reason, DateTimeOffset SetAsideAt,
    DateTimeOffset RetryAt, int Retries);
