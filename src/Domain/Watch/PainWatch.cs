using HipLog.Domain.Profiles;
using HipLog.Domain.Time;
using HipLog.Domain.Trends;

namespace HipLog.Domain.Watch;

/// <summary>What the pain watch does about one assessment: the recommendation to start and the ones it replaces.</summary>
public sealed record WatchDecision(
    string RunnerId,
    string RecommendationId,
    Assessment Assessment,
    RecommendationKind Kind,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<PrescribedExercise> Exercises,
    string Message,
    DateOnly? DueDay,
    DateTimeOffset DueAt,
    IReadOnlyList<string> Supersedes)
{
    /// <summary>The log position of the report it was decided on.</summary>
    public long? AssessedSequence { get; init; }

    public IEnumerable<object> Events(DateTimeOffset now)
    {
        var a = Assessment;
        yield return new PainRiseDetected(RecommendationId, RunnerId, a.Report.ReportId, a.Report.Location, a.Report.Side,
            Reasons, a.Advisories, a.Load.WeekDistanceChangePercent, a.Load.LoadRatio, a.Report.Day, now, AssessedSequence);
        if (Kind == RecommendationKind.ClinicianReferral)
            yield return new ClinicianReferralAdvised(RecommendationId, RunnerId, Message, now);
        else
            yield return new RoutineScheduled(RecommendationId, RunnerId, Exercises, Message, DueDay!.Value, DueAt);
    }
}

/// <summary>
/// The decision half of the pain watch, without I/O: a red flag means a clinician referral delivered at once and no
/// routine; a rise means a routine at the runner's next reminder time. At most one open routine: the newest
/// assessment replaces one that is scheduled or delivered but not yet taken up.
/// </summary>
public static class PainWatch
{
    public static WatchDecision? Decide(
        string runnerId, string recommendationId, Assessment? assessment, DateTimeOffset now, RunnerProfile? profile,
        IReadOnlyCollection<RecommendationView> existing, IReadOnlyCollection<ExerciseEffect> evidence, PainWatchOptions o)
    {
        if (assessment is null)
            return null;

        var supersedes = existing.Where(r => r.IsOpenRoutine && r.Id != recommendationId).Select(r => r.Id).ToList();
        var exercises = assessment.NeedsClinician ? [] : RoutinePlanner.Choose(assessment.Report.Location, evidence, o);
        if (!assessment.NeedsClinician && exercises.Count == 0)
            assessment = assessment with { RedFlags = ["red-flag:stretches-not-helping"] };

        if (assessment.NeedsClinician)
            return new WatchDecision(runnerId, recommendationId, assessment, RecommendationKind.ClinicianReferral,
                assessment.AllReasons, [],
                RoutinePlanner.ReferralMessage(assessment), null, now, supersedes);

        var zone = LocalCalendar.FindZone(profile?.TimeZone) ?? TimeZoneInfo.Utc;
        var taken = existing.Where(r => r is { Kind: RecommendationKind.Routine,
            Status: RecommendationStatus.Acknowledged or RecommendationStatus.Completed, DueDay: not null })
            .Select(r => r.DueDay!.Value).ToHashSet();
        var (day, at) = ReminderSchedule.Next(now, zone, profile?.ReminderTime ?? RunnerProfile.DefaultReminderTime, profile?.QuietHours,
            taken);
        return new WatchDecision(runnerId, recommendationId, assessment, RecommendationKind.Routine, assessment.AllReasons, exercises,
            RoutinePlanner.RoutineMessage(assessment, exercises), day, at, supersedes);
    }
}

/// <summary>What became of the pain report behind a recommendation: retracted, or corrected and assessed again.</summary>
/// <param name="Assessment">The corrected report's assessment (null when retracted, or when it fires no rule any more).</param>
public sealed record ReportChange(Guid ReportId, bool Retracted, Assessment? Assessment)
{
    public static ReportChange Retraction(Guid reportId) => new(reportId, true, null);

    public static ReportChange Correction(Guid reportId, Assessment? assessment) => new(reportId, false, assessment);
}

/// <summary>
/// What the pain watch does about a recommendation whose report was retracted or corrected, without I/O. A routine
/// whose report no longer fires any rule is withdrawn while it is only scheduled, and followed up once it has reached
/// the runner; a clinician advisory whose report no longer calls for a clinician is followed up (it was delivered at
/// once, and stays in the history). A corrected report that still fires a rule raises a new recommendation of its
/// own, which replaces an open routine as any newer one does: this decides nothing then.
/// </summary>
public static class PainWatchFollowUp
{
    public static object? Reconsider(RecommendationView recommendation, ReportChange change, DateTimeOffset now)
    {
        if (recommendation.ReportId != change.ReportId || recommendation.FollowUp is not null
            || recommendation.Status == RecommendationStatus.Withdrawn)
            return null;

        var referral = recommendation.Kind == RecommendationKind.ClinicianReferral;
        var reason = change switch
        {
            { Retracted: true } => FollowUpReasons.ReportRetracted,
            { Assessment: null } => referral ? FollowUpReasons.RedFlagCleared : FollowUpReasons.ReportCorrected,
            { Assessment.NeedsClinician: false } when referral => FollowUpReasons.RedFlagCleared,
            _ => null,
        };
        if (reason is null)
            return null;

        if (recommendation is { Status: RecommendationStatus.Scheduled, DeliveredAt: null })
            return new RecommendationWithdrawn(recommendation.Id, recommendation.RunnerId, change.ReportId, reason,
                Message(reason, delivered: false), now);
        // Superseded before it went out: the runner never saw it, and its replacement answers for itself.
        if (recommendation.DeliveredAt is null)
            return null;
        return new RecommendationFollowedUp(recommendation.Id, recommendation.RunnerId, change.ReportId, reason,
            Message(reason, delivered: true), now);
    }

    private static string Message(string reason, bool delivered) => (reason, delivered) switch
    {
        (FollowUpReasons.ReportRetracted, false) => "Withdrawn before it was due: you retracted the pain report behind it.",
        (FollowUpReasons.ReportCorrected, false)
            => "Withdrawn before it was due: you corrected the pain report behind it, and as it reads now it calls for no routine.",
        (FollowUpReasons.ReportRetracted, true) => "You retracted the pain report behind this recommendation, so it no longer applies.",
        (FollowUpReasons.ReportCorrected, true)
            => "You corrected the pain report behind this recommendation; as it reads now it calls for no routine, so this no longer " +
            "applies.",
        _ => "You corrected the pain report behind this advice: as it reads now it raises no red flag, so this advice no longer applies. "
             + "HipLog cannot diagnose: if the pain worries you, see a clinician all the same.",
    };
}
