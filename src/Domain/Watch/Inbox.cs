using HipLog.Domain.Wire;

namespace HipLog.Domain.Watch;

/// <summary>A change to one recommendation, to be appended at the version it was read at.</summary>
public sealed record RecommendationChange(RecommendationView Recommendation, IRecommendationEvent Event)
{
    /// <summary>The recommendation as it stands once the change is made.</summary>
    public RecommendationView After => RecommendationView.After(Recommendation, Event)! with { Version = Recommendation.Version + 1 };
}

/// <summary>
/// The runner's answers to their recommendations (seen it, not for me) and what a stretch session that follows one
/// does to it. Each is a pure function of the recommendation as it stands.
/// </summary>
public static class Inbox
{
    private static readonly RecommendationStatus[] Acknowledgeable = [RecommendationStatus.Scheduled, RecommendationStatus.Delivered];

    private static readonly RecommendationStatus[] Dismissable =
        [RecommendationStatus.Scheduled, RecommendationStatus.Delivered, RecommendationStatus.Acknowledged];

    private static readonly RecommendationStatus[] Completable =
        [RecommendationStatus.Scheduled, RecommendationStatus.Delivered, RecommendationStatus.Acknowledged];

    /// <summary>Why the runner can no longer answer so (it is closed), or null when they can, or already did.</summary>
    public static string? Refusal(RecommendationView recommendation, RecommendationStatus answer)
    {
        var open = answer == RecommendationStatus.Acknowledged ? Acknowledgeable : Dismissable;
        return recommendation.Status == answer || open.Contains(recommendation.Status)
            ? null
            : $"It is {Kebab.Of(recommendation.Status)} and can no longer be {Kebab.Of(answer)}.";
    }

    /// <summary>None when it is acknowledged already: answering twice records nothing.</summary>
    public static RecommendationChange? Acknowledge(RecommendationView recommendation, DateTimeOffset now) =>
        recommendation.Status == RecommendationStatus.Acknowledged
            ? null
            : new RecommendationChange(recommendation, new RecommendationAcknowledged(recommendation.Id, recommendation.RunnerId, now));

    /// <summary>None when it is dismissed already.</summary>
    public static RecommendationChange? Dismiss(RecommendationView recommendation, DateTimeOffset now) =>
        recommendation.Status == RecommendationStatus.Dismissed
            ? null
            : new RecommendationChange(recommendation, new RecommendationDismissed(recommendation.Id, recommendation.RunnerId, now));

    /// <summary>
    /// A session now follows <paramref name="named"/> and no longer follows <paramref name="left"/> (it was retracted, or
    /// corrected to name another): an open routine it names is completed, and one it had completed is open again.
    /// </summary>
    public static IReadOnlyList<RecommendationChange> Follow(Guid sessionId, RecommendationView? named, RecommendationView? left,
        DateTimeOffset at)
    {
        if (named?.Id == left?.Id)
            return [];
        var changes = new List<RecommendationChange>();
        if (named is { Kind: RecommendationKind.Routine } routine && Completable.Contains(routine.Status))
            changes.Add(new RecommendationChange(routine, new RecommendationCompleted(routine.Id, routine.RunnerId, sessionId, at)));
        if (left is { Status: RecommendationStatus.Completed } completed && completed.CompletedBy == sessionId)
            changes.Add(new RecommendationChange(completed, new RecommendationReopened(completed.Id, completed.RunnerId, sessionId, at)));
        return changes;
    }
}
