using HipLog.Domain.Runners;
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
    public IEnumerable<object> Events(DateTimeOffset now)
    {
        var a = Assessment;
        yield return new PainRiseDetected(RecommendationId, RunnerId, a.Report.ReportId, a.Report.Location, a.Report.Side,
            Reasons, a.Advisories, a.Load.WeekDistanceChangePercent, a.Load.LoadRatio, a.Report.Day, now);
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
            return new WatchDecision(runnerId, recommendationId, assessment, RecommendationKind.ClinicianReferral, assessment.AllReasons, [],
                RoutinePlanner.ReferralMessage(assessment), null, now, supersedes);

        var zone = LocalCalendar.FindZone(profile?.TimeZone) ?? TimeZoneInfo.Utc;
        var taken = existing.Where(r => r is { Kind: RecommendationKind.Routine, Status: RecommendationStatus.Acknowledged or RecommendationStatus.Completed, DueDay: not null })
            .Select(r => r.DueDay!.Value).ToHashSet();
        var (day, at) = ReminderSchedule.Next(now, zone, profile?.ReminderTime ?? RunnerProfile.DefaultReminderTime, profile?.QuietHours, taken);
        return new WatchDecision(runnerId, recommendationId, assessment, RecommendationKind.Routine, assessment.AllReasons, exercises,
            RoutinePlanner.RoutineMessage(assessment, exercises), day, at, supersedes);
    }
}
