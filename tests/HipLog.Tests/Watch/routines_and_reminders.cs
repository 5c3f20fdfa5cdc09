using HipLog.Domain.Pain;
using HipLog.Domain.Profiles;
using HipLog.Domain.Trends;
using HipLog.Domain.Watch;

namespace HipLog.Tests.Watch;

public sealed class routines_and_reminders
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
    private static readonly TimeOnly HalfSeven = new(7, 30);

    [Fact]
    public void the_next_reminder_is_today_if_still_ahead_else_tomorrow_in_the_runners_zone()
    {
        ReminderSchedule.Next(DateTimeOffset.Parse("2026-11-26T05:00:00Z"), Berlin, HalfSeven, null)
            .ShouldBe((new DateOnly(2026, 11, 26), DateTimeOffset.Parse("2026-11-26T07:30:00+01:00")));
        ReminderSchedule.Next(DateTimeOffset.Parse("2026-11-26T07:00:00Z"), Berlin, HalfSeven, null)
            .ShouldBe((new DateOnly(2026, 11, 27), DateTimeOffset.Parse("2026-11-27T07:30:00+01:00")));
        // 07:00 UTC is already 16:00 in Tokyo: the next 07:30 there is tomorrow morning, 22:30 UTC today.
        ReminderSchedule.Next(DateTimeOffset.Parse("2026-11-26T07:00:00Z"), Tokyo, HalfSeven, null).At
            .ShouldBe(DateTimeOffset.Parse("2026-11-26T22:30:00Z"));
    }

    [Fact]
    public void the_reminder_keeps_its_local_time_across_daylight_saving_changes()
    {
        ReminderSchedule.Next(DateTimeOffset.Parse("2026-10-24T12:00:00Z"), Berlin, HalfSeven, null)
            .At.ShouldBe(DateTimeOffset.Parse("2026-10-25T07:30:00+01:00"));
        ReminderSchedule.Next(DateTimeOffset.Parse("2026-03-28T12:00:00Z"), Berlin, HalfSeven, null)
            .At.ShouldBe(DateTimeOffset.Parse("2026-03-29T07:30:00+02:00"));
        // A 02:30 reminder does not exist on the spring-forward night: it goes out when the clocks resume, at 03:00.
        ReminderSchedule.Next(DateTimeOffset.Parse("2026-03-28T12:00:00Z"), Berlin, new TimeOnly(2, 30), null)
            .At.ShouldBe(DateTimeOffset.Parse("2026-03-29T03:00:00+02:00"));
    }

    [Fact]
    public void a_reminder_inside_quiet_hours_waits_for_their_end()
    {
        var quiet = new QuietHours(new TimeOnly(22, 0), new TimeOnly(8, 0));

        ReminderSchedule.Next(DateTimeOffset.Parse("2026-11-26T05:00:00Z"), Berlin, HalfSeven, quiet)
            .At.ShouldBe(DateTimeOffset.Parse("2026-11-26T08:00:00+01:00"));
        ReminderSchedule.IsQuiet(new TimeOnly(23, 0), quiet).ShouldBeTrue();
        ReminderSchedule.IsQuiet(new TimeOnly(12, 0), quiet).ShouldBeFalse();
        ReminderSchedule.IsQuiet(new TimeOnly(13, 0), new QuietHours(new TimeOnly(12, 0), new TimeOnly(14, 0))).ShouldBeTrue();
    }

    [Fact]
    public void a_day_that_already_has_an_accepted_routine_is_skipped()
    {
        ReminderSchedule.Next(DateTimeOffset.Parse("2026-11-26T05:00:00Z"), Berlin, HalfSeven, null,
            new HashSet<DateOnly> { new(2026, 11, 26) })
            .Day.ShouldBe(new DateOnly(2026, 11, 27));
    }

    [Theory]
    [InlineData(PainLocation.FrontHip, "lizard-lower-lunge,hip-flexor-roll-out,single-leg-knee-lift,garland-pose")]
    [InlineData(PainLocation.Groin, "lizard-lower-lunge,hip-flexor-roll-out,single-leg-knee-lift,garland-pose")]
    [InlineData(PainLocation.OuterHip, "half-lord-of-the-fishes,garland-pose,hip-flexor-roll-out")]
    [InlineData(PainLocation.Buttock, "half-lord-of-the-fishes,garland-pose,hip-flexor-roll-out")]
    [InlineData(PainLocation.LowerBack, "half-lord-of-the-fishes,garland-pose")]
    [InlineData(PainLocation.Knee, "single-leg-knee-lift,lizard-lower-lunge")]
    public void each_place_gets_the_exercises_that_target_it(PainLocation location, string ids) =>
        string.Join(',', RoutinePlanner.Choose(location, [], PainWatchOptions.Default).Select(e => e.ExerciseId)).ShouldBe(ids);

    /// <summary>The front hip's routine for a runner whom the garland pose helped most, the knee lift a little, and whom the
    /// hip-flexor roll-out hurt twice.</summary>
    private static IReadOnlyList<PrescribedExercise> WithEvidence() => RoutinePlanner.Choose(PainLocation.FrontHip,
    [
        new ExerciseEffect("garland-pose", 4, 4, -6, -1.5, 0),
        new ExerciseEffect("single-leg-knee-lift", 2, 2, -1, -0.5, 0),
        new ExerciseEffect("hip-flexor-roll-out", 3, 3, 4, 1.33, 2),
    ], PainWatchOptions.Default);

    [Fact]
    public void exercises_that_helped_this_runner_come_first()
    {
        WithEvidence().Select(e => e.ExerciseId).Take(2).ShouldBe(["garland-pose", "single-leg-knee-lift"]);
    }

    [Fact]
    public void an_exercise_that_hurt_twice_is_left_out()
    {
        WithEvidence().Select(e => e.ExerciseId).ShouldBe(["garland-pose", "single-leg-knee-lift", "lizard-lower-lunge"]);
    }

    [Fact]
    public void an_exercise_says_why_it_was_chosen()
    {
        var routine = WithEvidence();

        routine[0].Why.ShouldBe("It eased your pain by 1.5 points on average over 4 sessions.");
        routine[2].Why.ShouldBe("It works on hip flexors, psoas, inner thigh.");
    }

    [Fact]
    public void an_exercise_says_how_long_to_hold_it_how_many_times()
    {
        var routine = WithEvidence();

        (routine[2].HoldBreaths, routine[2].Sides, routine[2].Sets).ShouldBe((8, "each-side", 1));
        (routine[1].HoldSeconds, routine[1].Sets, routine[1].Reps).ShouldBe((10, 3, 10));
    }

    private static readonly DateTimeOffset NightNow = DateTimeOffset.Parse("2026-11-26T20:00:00Z");

    /// <summary>Night pain at the front hip while one routine is open and another completed.</summary>
    private static WatchDecision NightPain()
    {
        var report = new ReportFacts(Guid.NewGuid(), NightNow, new DateOnly(2026, 11, 26), PainLocation.FrontHip, BodySide.Left,
            PainTiming.AtNight, 3, new RedFlags(false, true, false, false));
        var assessment = PainRules.Assess(report, [], new LoadContext(null, null), EpisodeContext.None, PainWatchOptions.Default);
        return PainWatch.Decide("runner", "rec-new", assessment, NightNow, null,
            [Routine("rec-open", RecommendationStatus.Scheduled), Routine("rec-done", RecommendationStatus.Completed)], [],
            PainWatchOptions.Default)!;
    }

    [Fact]
    public void a_red_flag_decides_a_referral_due_at_once_without_exercises()
    {
        var decision = NightPain();

        (decision.Kind, decision.DueAt).ShouldBe((RecommendationKind.ClinicianReferral, NightNow));
        decision.Exercises.ShouldBeEmpty();
    }

    [Fact]
    public void a_referral_replaces_the_open_routines()
    {
        NightPain().Supersedes.ShouldBe(["rec-open"]);
    }

    [Fact]
    public void a_referral_says_why_without_diagnosing()
    {
        var message = NightPain().Message;

        message.ShouldContain("HipLog cannot diagnose");
        message.ShouldContain("at night");
    }

    private static RecommendationView Routine(string id, RecommendationStatus status) =>
        new(id, "runner", RecommendationKind.Routine, status, PainLocation.FrontHip, BodySide.Left, new DateOnly(2026, 11, 25), [], [],
            null, null, [], null,
            new DateOnly(2026, 11, 26), DateTimeOffset.Parse("2026-11-26T06:30:00Z"), null, DateTimeOffset.Parse("2026-11-25T20:00:00Z"),
                null, null, 2);
}
