namespace HipLog.Domain.Watch;

/// <summary>
/// Marks an event the pain watch has handled. It is stored with the subscription's progress, so a replay after a
/// crash skips what was already decided.
/// </summary>
public sealed record PainWatchMark(string Id, string RunnerId, string? RecommendationId, DateTimeOffset HandledAt)
{
    public static string IdFor(Guid eventId) => $"pain-watch:{eventId:N}";
}
