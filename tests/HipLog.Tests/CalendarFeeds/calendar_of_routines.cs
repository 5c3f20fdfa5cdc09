using HipLog.Domain.CalendarFeeds;
using HipLog.Domain.Pain;
using HipLog.Domain.Watch;
using Ical.Net;
using Ical.Net.CalendarComponents;
using VCalendar = Ical.Net.Calendar;

namespace HipLog.Tests.CalendarFeeds;

public sealed class calendar_of_routines
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly DateTimeOffset Detected = DateTimeOffset.Parse("2026-11-23T17:05:00Z");
    private static readonly DateTimeOffset Due = DateTimeOffset.Parse("2026-11-24T07:30:00+01:00");

    private static RecommendationView Routine(string id = "rec~0001", RecommendationStatus status = RecommendationStatus.Scheduled,
        long version = 2) => new(
        id, "runner-cal", RecommendationKind.Routine, status, PainLocation.FrontHip, BodySide.Left, new DateOnly(2026, 11, 23),
        [PainRules.Flare], [], null, null, RoutinePlanner.Choose(PainLocation.FrontHip, [], new PainWatchOptions()),
        "Pain at the front of the left hip is rising. 6/10 is above the 5/10 that is acceptable while training.",
        new DateOnly(2026, 11, 24), Due, null, Detected, null, null, version);

    private static RecommendationView Advisory() => new(
        "rec~0002", "runner-cal", RecommendationKind.ClinicianReferral, RecommendationStatus.Delivered, PainLocation.Groin, BodySide.Right,
        new DateOnly(2026, 11, 25), ["red-flag:pain-at-night"], [], null, null, [],
            "You said the pain comes at night. HipLog cannot diagnose.",
        null, DateTimeOffset.Parse("2026-11-25T21:31:00Z"), DateTimeOffset.Parse("2026-11-25T21:31:00Z"),
            DateTimeOffset.Parse("2026-11-25T21:31:00Z"),
        null, null, 2);

    private static VCalendar Parse(string ics) => VCalendar.Load(ics)!;

    [Fact]
    public void a_routine_is_a_quarter_of_an_hour_at_its_due_time_on_the_runners_clock_with_the_zone_defined()
    {
        var ics = RoutineCalendar.Write([Routine()], Berlin);
        var calendar = Parse(ics);

        var zone = calendar.TimeZones.ShouldHaveSingleItem();
        zone.TzId.ShouldBe("Europe/Berlin");
        zone.TimeZoneInfos.Select(i => i.Name).Order().ShouldBe(["DAYLIGHT", "STANDARD"]);
        ics.ShouldContain("DTSTART;TZID=Europe/Berlin:20261124T073000");

        var routine = calendar.Events.ShouldHaveSingleItem();
        routine.Uid.ShouldBe("rec~0001@hiplog");
        routine.DtStart!.TzId.ShouldBe("Europe/Berlin");
        routine.DtStart.Value.ShouldBe(new DateTime(2026, 11, 24, 7, 30, 0));
        routine.DtStart.AsUtc.ShouldBe(new DateTime(2026, 11, 24, 6, 30, 0, DateTimeKind.Utc));
        routine.DtEnd!.SubtractExact(routine.DtStart).ShouldBe(TimeSpan.FromMinutes(15));
        routine.Status.ShouldBe(EventStatus.Confirmed);
        routine.Sequence.ShouldBe(2);
        routine.Summary.ShouldBe("Stretch routine for the front of the left hip");
        routine.Description!.ShouldContain("6/10 is above the 5/10 that is acceptable while training.");
        routine.Description!.ShouldContain("- Lizard lower lunge: hold 8 breaths, each side.");
        routine.Description!.ShouldContain("- Single-leg knee lift: 3 × 10, hold 10 s, each side.");
    }

    [Fact]
    public void the_same_history_gives_the_same_feed_whenever_it_is_read()
    {
        var first = RoutineCalendar.Write([Routine(), Advisory()], Berlin);
        Thread.Sleep(1100);
        RoutineCalendar.Write([Advisory(), Routine()], Berlin).ShouldBe(first);
        Parse(first).Events.Select(e => e.DtStamp!.AsUtc)
            .ShouldBe([Detected.UtcDateTime, new DateTime(2026, 11, 25, 21, 31, 0, DateTimeKind.Utc)]);
    }

    [Theory]
    [InlineData(RecommendationStatus.Dismissed)]
    [InlineData(RecommendationStatus.Superseded)]
    [InlineData(RecommendationStatus.Withdrawn)]
    public void a_routine_taken_off_the_plan_keeps_its_uid(RecommendationStatus status)
    {
        var (before, after) = TakenOffThePlan(status);

        after.Uid.ShouldBe(before.Uid);
    }

    [Theory]
    [InlineData(RecommendationStatus.Dismissed)]
    [InlineData(RecommendationStatus.Superseded)]
    [InlineData(RecommendationStatus.Withdrawn)]
    public void a_routine_taken_off_the_plan_is_cancelled_with_a_higher_sequence(RecommendationStatus status)
    {
        var (before, after) = TakenOffThePlan(status);

        after.Status.ShouldBe(EventStatus.Cancelled);
        after.Sequence.ShouldBeGreaterThan(before.Sequence);
    }

    [Theory]
    [InlineData(RecommendationStatus.Dismissed, "Cancelled: you dismissed it.")]
    [InlineData(RecommendationStatus.Superseded, "Cancelled: a newer recommendation replaced it.")]
    [InlineData(RecommendationStatus.Withdrawn, "Cancelled: it was withdrawn before it reached you.")]
    public void a_routine_taken_off_the_plan_says_why_first(RecommendationStatus status, string why)
    {
        var (_, after) = TakenOffThePlan(status);

        after.Description!.ShouldStartWith(why);
    }

    [Theory]
    [InlineData(RecommendationStatus.Dismissed)]
    [InlineData(RecommendationStatus.Superseded)]
    [InlineData(RecommendationStatus.Withdrawn)]
    public void a_routine_taken_off_the_plan_is_stamped_when_it_was_closed(RecommendationStatus status)
    {
        var (_, after) = TakenOffThePlan(status);

        after.DtStamp!.AsUtc.ShouldBe(new DateTime(2026, 11, 24, 9, 0, 0, DateTimeKind.Utc));
    }

    /// <summary>A delivered routine's event, and the same routine's once it closed with this status.</summary>
    private static (CalendarEvent Before, CalendarEvent After) TakenOffThePlan(RecommendationStatus status)
    {
        var closed = Routine(status: status, version: 4) with { ClosedAt = DateTimeOffset.Parse("2026-11-24T09:00:00Z") };
        return (Parse(RoutineCalendar.Write([Routine(status: RecommendationStatus.Delivered, version: 3)], Berlin)).Events.Single(),
            Parse(RoutineCalendar.Write([closed], Berlin)).Events.Single());
    }

    private static CalendarEvent Completed() =>
        Parse(RoutineCalendar.Write([Routine(status: RecommendationStatus.Completed, version: 5)
            with { ClosedAt = DateTimeOffset.Parse("2026-11-24T07:10:00Z") }], Berlin)).Events.Single();

    [Fact]
    public void a_completed_routine_stays_in_the_calendar_as_it_happened()
    {
        Completed().Status.ShouldBe(EventStatus.Confirmed);
    }

    [Fact]
    public void a_completed_routine_says_when_it_was_done()
    {
        Completed().Description!.ShouldStartWith("Done: you logged a stretch session for it at 2026-11-24 08:10.");
    }

    private static CalendarEvent FollowedUpAdvisory() => Parse(RoutineCalendar.Write([Advisory() with
    {
        FollowUp = new FollowUp(FollowUpReasons.RedFlagCleared, "You corrected the report: it no longer has a red flag.",
            DateTimeOffset.Parse("2026-11-26T08:00:00Z")),
        Version = 3,
    }], Berlin)).Events.Single();

    [Fact]
    public void a_clinician_advisory_is_an_event_of_its_own_at_the_time_it_was_given()
    {
        var advice = FollowedUpAdvisory();

        advice.Uid.ShouldBe("rec~0002@hiplog");
        advice.Summary.ShouldBe("See a clinician about the right groin");
        advice.DtStart!.Value.ShouldBe(new DateTime(2026, 11, 25, 22, 31, 0));
        advice.Status.ShouldBe(EventStatus.Confirmed);
        advice.Sequence.ShouldBe(3);
    }

    [Fact]
    public void a_clinician_advisory_gives_its_follow_up_before_its_advice()
    {
        var advice = FollowedUpAdvisory();

        advice.Description!.ShouldStartWith("You corrected the report: it no longer has a red flag.");
        advice.Description!.ShouldContain("HipLog cannot diagnose.");
    }

    private static CalendarEvent InSummer() => Parse(RoutineCalendar.Write([Routine() with
    {
        DueDay = new DateOnly(2026, 3, 30), DueAt = DateTimeOffset.Parse("2026-03-30T07:30:00+02:00"),
    }], Berlin)).Events.Single();

    [Fact]
    public void a_routine_after_the_clocks_go_forward_keeps_its_local_time()
    {
        InSummer().DtStart!.Value.ShouldBe(new DateTime(2026, 3, 30, 7, 30, 0));
    }

    [Fact]
    public void a_routine_after_the_clocks_go_forward_is_at_the_summer_offset_by_the_zone_rules()
    {
        InSummer().DtStart!.AsUtc.ShouldBe(new DateTime(2026, 3, 30, 5, 30, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void a_runner_without_a_zone_gets_utc_times()
    {
        RoutineCalendar.Write([Routine()], TimeZoneInfo.Utc).ShouldContain("DTSTART:20261124T063000Z");
    }

    [Fact]
    public void a_runner_without_a_zone_gets_no_zone_definition()
    {
        Parse(RoutineCalendar.Write([Routine()], TimeZoneInfo.Utc)).TimeZones.ShouldBeEmpty();
    }
}
