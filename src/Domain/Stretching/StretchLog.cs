namespace HipLog.Domain.Stretching;

/// <summary>
/// The decisions about a runner's stretch sessions: completed, corrected by PUT or PATCH, retracted. What a session
/// does to the recommendation it follows is the inbox's to decide (<see cref="Watch.Inbox.Follow"/>).
/// </summary>
public static class StretchLog
{
    public static StretchSessionCompleted Complete(string runnerId, Guid sessionId, StretchSessionDetails session)
        => new(runnerId, sessionId, session);

    /// <summary>
    /// None when the correction changes nothing. The event carries the session as it was, so the effectiveness figures
    /// can take its old contribution out from this event alone.
    /// </summary>
    public static StretchSessionCorrected? Correct(StretchSessionView current, StretchSessionDetails corrected, DateTimeOffset now) =>
        IsSame(current.Session, corrected) ? null
            : new StretchSessionCorrected(current.RunnerId, current.Id, corrected, current.Session, now);

    public static StretchSessionRetracted Retract(StretchSessionView current, DateTimeOffset now) =>
        new(current.RunnerId, current.Id, current.Session, now);

    /// <summary>The exercises are a list: the same session holds the same exercises in the same order.</summary>
    private static bool IsSame(StretchSessionDetails was, StretchSessionDetails now) =>
        now with { Exercises = was.Exercises } == was && now.Exercises.SequenceEqual(was.Exercises);
}
