using System.Net;
using Hangfire;
using HipLog.Domain.Pain;
using HipLog.Domain.Watch;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;
using HipLog.Worker.Watch;
using Microsoft.Extensions.DependencyInjection;

namespace HipLog.Tests.Watch;

/// <summary>
/// Monday 23 November, 18:00 in Berlin: a runner imports three weeks of evening reports of front-hip pain rising from 2 to 6,
/// then logs today's. The watch raises a routine for Tuesday 07:30, delivers it, and the runner acknowledges it and completes it
/// with a stretch session. The story runs once; each test reads one thing it left.
/// </summary>
public sealed class RisingFrontHipPain : IAsyncLifetime
{
    public const string Runner = "runner-watch";

    private WatchScenario? scenario;

    public RecommendationView Routine { get; private set; } = null!;

    public RecommendationView Replaced { get; private set; } = null!;

    public int Raised { get; private set; }

    public IReadOnlyList<RecommendationPayload> Listed { get; private set; } = [];

    public RecommendationView Delivered { get; private set; } = null!;

    public (int Routine, int Replaced) Suggestions { get; private set; }

    public Answer Acknowledged { get; private set; } = null!;

    public RecommendationStatus AfterTheSession { get; private set; }

    public IReadOnlyList<RecommendationPayload> Open { get; private set; } = [];

    public IReadOnlyList<RecommendationPayload> Completed { get; private set; } = [];

    public Answer DismissedWhenCompleted { get; private set; } = null!;

    public Answer UnknownStatus { get; private set; } = null!;

    public Answer UnknownAcknowledged { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        scenario = await WatchScenario.StartAsync("watchrising", new DateTimeOffset(2026, 11, 23, 17, 0, 0, TimeSpan.Zero));
        var runner = await watching_for_rising_pain.RunnerAsync(scenario);
        int[] scores = [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 4, 4, 4, 5, 5, 6];
        for (var i = 0; i < scores.Length; i++)
            await runner.Pain.CreateAsync(Sample.Pain(Sample.InBerlin(new DateOnly(2026, 11, 2).AddDays(i), 17, 30), scores[i]));

        // The last two reports are recent: Sunday's raises a routine, Monday's a newer one that replaces it.
        Routine = await scenario.WaitFor(Runner, r => r.Reasons.Contains(PainRules.Flare), "the routine for Monday's report");
        Replaced = await scenario.WaitFor(Runner, r => r.Status == RecommendationStatus.Superseded, "Sunday's routine replaced");
        Raised = (await scenario.Recommendations(Runner)).Count;
        Listed = await runner.Watch.ListAsync();

        // Tuesday 07:30 in Berlin. Hangfire's own job is due hours of real time from now; the sweep delivers it.
        scenario.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 24, 6, 30, 0, TimeSpan.Zero));
        scenario.Worker.Services.GetRequiredService<IRecurringJobManager>().Trigger(DeliverMissedRecommendations.RecurringJobId);
        Delivered = await scenario.WaitFor(Runner, r => r.Status == RecommendationStatus.Delivered, "the delivery");
        scenario.Worker.Services.GetRequiredService<IRecurringJobManager>().Trigger(DeliverMissedRecommendations.RecurringJobId);
        await Task.Delay(1500);
        Suggestions = ((await scenario.Stream(Routine.Id)).Count(e => e.Data is RoutineSuggested),
            (await scenario.Stream(Replaced.Id)).Count(e => e.Data is RoutineSuggested));

        Acknowledged = await runner.Watch.AcknowledgeAsync(Routine.Id);
        await runner.Stretching.CreateAsync(Sample.Session(Sample.InBerlin(new DateOnly(2026, 11, 24), 8)) with
        {
            RecommendationId = Routine.Id,
        });
        AfterTheSession = (await scenario.Recommendations(Runner)).Single(r => r.Id == Routine.Id).Status;
        Open = await runner.Watch.ListAsync();
        Completed = await runner.Watch.ListAsync("completed");
        DismissedWhenCompleted = await runner.Watch.DismissAsync(Routine.Id);
        UnknownStatus = await runner.GetAsync($"{runner.Watch.Path}?status=soon");
        UnknownAcknowledged = await runner.Watch.AcknowledgeAsync("rec-nothing");
    }

    public async Task DisposeAsync()
    {
        if (scenario is not null)
            await scenario.DisposeAsync();
    }
}

[Collection(PainWatchCollection.Name)]
public sealed class three_weeks_of_rising_front_hip_pain(RisingFrontHipPain story) : IClassFixture<RisingFrontHipPain>
{
    private static readonly DateTimeOffset HalfPastSeven = DateTimeOffset.Parse("2026-11-24T07:30:00+01:00");

    [Fact]
    public void sundays_routine_is_replaced_by_mondays()
    {
        story.Replaced.SupersededBy.ShouldBe(story.Routine.Id);
        story.Raised.ShouldBe(2);
    }

    [Fact]
    public void the_routine_is_scheduled_for_a_flare_in_a_rising_week()
    {
        (story.Routine.Kind, story.Routine.Status).ShouldBe((RecommendationKind.Routine, RecommendationStatus.Scheduled));
        story.Routine.Reasons.ShouldBe([PainRules.Flare, PainRules.RisingWeek]);
    }

    [Fact]
    public void the_routine_is_due_at_half_past_seven_the_next_morning()
    {
        story.Routine.DueAt.ShouldBe(HalfPastSeven);
    }

    [Fact]
    public void the_routine_is_of_hip_flexor_exercises()
    {
        story.Routine.Exercises.Select(e => e.ExerciseId)
            .ShouldBe(["lizard-lower-lunge", "hip-flexor-roll-out", "single-leg-knee-lift", "garland-pose"]);
    }

    [Fact]
    public void the_inbox_lists_the_scheduled_routine_with_how_long_to_hold_each_exercise()
    {
        var listed = story.Listed.ShouldHaveSingleItem();

        (listed.Status, listed.Exercises[0].HoldBreaths).ShouldBe((RecommendationStatus.Scheduled, 8));
    }

    [Fact]
    public void the_routine_is_delivered_at_half_past_seven()
    {
        (story.Delivered.Id, story.Delivered.DeliveredAt).ShouldBe((story.Routine.Id, HalfPastSeven));
    }

    [Fact]
    public void another_sweep_delivers_nothing_more()
    {
        story.Suggestions.ShouldBe((1, 0));
    }

    [Fact]
    public void the_runner_acknowledges_the_delivered_routine()
    {
        story.Acknowledged.Is<RecommendationPayload>(HttpStatusCode.OK).Status.ShouldBe(RecommendationStatus.Acknowledged);
    }

    [Fact]
    public void a_stretch_session_for_the_routine_completes_it()
    {
        story.AfterTheSession.ShouldBe(RecommendationStatus.Completed);
    }

    [Fact]
    public void a_completed_routine_is_listed_as_completed_not_as_open()
    {
        story.Open.ShouldBeEmpty();
        story.Completed.Count.ShouldBe(1);
    }

    [Fact]
    public void a_completed_routine_cannot_be_dismissed()
    {
        story.DismissedWhenCompleted.IsProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public void an_unknown_status_to_list_is_a_400()
    {
        story.UnknownStatus.IsProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public void an_unknown_recommendation_cannot_be_acknowledged()
    {
        story.UnknownAcknowledged.IsProblem(HttpStatusCode.NotFound);
    }
}

/// <summary>An answer of pain at night at 21:30 in Berlin, given once.</summary>
public sealed class NightPain : IAsyncLifetime
{
    private WatchScenario? scenario;

    public RecommendationView Advice { get; private set; } = null!;

    public int Raised { get; private set; }

    public IReadOnlyList<RecommendationPayload> Listed { get; private set; } = [];

    public async Task InitializeAsync()
    {
        scenario = await WatchScenario.StartAsync("watchnight", new DateTimeOffset(2026, 11, 24, 21, 0, 0, TimeSpan.Zero));
        var runner = await watching_for_rising_pain.RunnerAsync(scenario);

        await runner.Pain.CreateAsync(Sample.Pain(Sample.InBerlin(new DateOnly(2026, 11, 24), 21, 30), 3) with
        {
            Timing = PainTiming.AtNight, RedFlags = new(PainAtNight: true),
        });

        Advice = await scenario.WaitFor(RisingFrontHipPain.Runner, r => r.Status == RecommendationStatus.Delivered,
            "the clinician advisory");
        await Task.Delay(1000);
        Raised = (await scenario.Recommendations(RisingFrontHipPain.Runner)).Count;
        Listed = await runner.Watch.ListAsync();
    }

    public async Task DisposeAsync()
    {
        if (scenario is not null)
            await scenario.DisposeAsync();
    }
}

[Collection(PainWatchCollection.Name)]
public sealed class answering_yes_to_night_pain(NightPain night) : IClassFixture<NightPain>
{
    [Fact]
    public void night_pain_raises_a_clinician_advisory()
    {
        night.Advice.Kind.ShouldBe(RecommendationKind.ClinicianReferral);
        night.Advice.Reasons.ShouldBe(["red-flag:pain-at-night"]);
        night.Advice.Message!.ShouldContain("cannot diagnose");
    }

    [Fact]
    public void the_advisory_is_delivered_at_once()
    {
        night.Advice.DeliveredAt.ShouldBe(night.Advice.DetectedAt);
    }

    [Fact]
    public void night_pain_raises_no_routine()
    {
        night.Advice.Exercises.ShouldBeEmpty();
        night.Raised.ShouldBe(1);
    }

    [Fact]
    public void the_inbox_lists_the_advisory()
    {
        night.Listed.ShouldHaveSingleItem().Kind.ShouldBe(RecommendationKind.ClinicianReferral);
    }
}

[Collection(PainWatchCollection.Name)]
public sealed class watching_for_rising_pain
{
    private const string Runner = "runner-watch";

    private static string Local(DateOnly day, int hour, int minute = 0) => Sample.InBerlin(day, hour, minute);

    /// <summary>The runner, in Berlin with a 07:30 reminder.</summary>
    public static async Task<RunnerClient> RunnerAsync(WatchScenario scenario)
    {
        var runner = scenario.Api.Runner(Runner);
        await runner.Profiles.SetAsync(Sample.Profile("Ana") with { ReminderTime = new TimeOnly(7, 30) });
        return runner;
    }

    private static async Task<HttpClient> Runner_(WatchScenario scenario)
    {
        await RunnerAsync(scenario);
        return scenario.Api.ClientFor(Runner);
    }

    [Fact]
    public async Task what_was_written_while_no_worker_ran_is_judged_together_in_log_order()
    {
        await using var scenario = await WatchScenario.StartAsync("watchpage", new DateTimeOffset(2026, 11, 24, 20, 0, 0, TimeSpan.Zero));
        await scenario.StopWorkerAsync(scenario.Worker);
        var client = await Runner_(scenario);
        await client.Create($"/runners/{Runner}/pain-reports", Scenarios.Pain(Local(new DateOnly(2026, 11, 24), 19), 3));
        await client.Create($"/runners/{Runner}/pain-reports", Scenarios.Pain(Local(new DateOnly(2026, 11, 24), 20), 4));
        await client.Create($"/runners/{Runner}/pain-reports", Scenarios.Pain(Local(new DateOnly(2026, 11, 24), 21), 5));
        await client.Create($"/runners/{Runner}/pain-reports",
            Scenarios.Pain(Local(new DateOnly(2026, 11, 24), 21, 30), 2).With("timing", "at-night")
                .With("redFlags", new { painAtNight = true }));

        await scenario.StartWorkerAsync();

        // The third report completes a streak (a routine); the fourth's red flag replaces it with a clinician advisory.
        var advice = await scenario.WaitFor(Runner, r => r.Kind == RecommendationKind.ClinicianReferral, "the clinician advisory");
        var routine = await scenario.WaitFor(Runner, r => r.Kind == RecommendationKind.Routine, "the routine");
        routine.Reasons.ShouldBe([PainRules.Streak]);
        routine.Status.ShouldBe(RecommendationStatus.Superseded);
        routine.SupersededBy.ShouldBe(advice.Id);
        (await scenario.Recommendations(Runner)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task a_report_recorded_days_after_it_happened_raises_nothing_by_itself()
    {
        await using var scenario = await WatchScenario.StartAsync("watchbackfill",
            new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
        var client = await Runner_(scenario);

        await client.Create($"/runners/{Runner}/pain-reports", Scenarios.Pain(Local(new DateOnly(2026, 11, 20), 9), 9));
        await client.Create($"/runners/{Runner}/pain-reports", Scenarios.Pain(Local(new DateOnly(2026, 11, 24), 9), 3));

        await Task.Delay(2500);
        (await scenario.Recommendations(Runner)).ShouldBeEmpty();
    }

    [Fact]
    public async Task killing_the_worker_after_scheduling_before_delivery_still_delivers_exactly_once()
    {
        await using var scenario = await WatchScenario.StartAsync("watchrestart", DateTimeOffset.Parse("2026-11-25T06:29:57Z"));
        var client = await Runner_(scenario);

        await client.Create($"/runners/{Runner}/pain-reports", Scenarios.Pain(Local(new DateOnly(2026, 11, 25), 7), 7)
            .With("timing", "next-morning"));
        var scheduled = await scenario.WaitFor(Runner, r => r.Status == RecommendationStatus.Scheduled, "the routine");
        scheduled.DueAt.ShouldBe(DateTimeOffset.Parse("2026-11-25T07:30:00+01:00"));
        await scenario.StopWorkerAsync(scenario.Worker);

        scenario.Clock.SetUtcNow(DateTimeOffset.Parse("2026-11-25T06:30:00Z"));
        var restarted = await scenario.StartWorkerAsync();
        // The delivery job may have been fetched by the stopped Worker: the new one's job or its sweep delivers, once.
        restarted.Services.GetRequiredService<IRecurringJobManager>().Trigger(DeliverMissedRecommendations.RecurringJobId);
        var delivered = await scenario.WaitFor(Runner, r => r.Status == RecommendationStatus.Delivered, "the delivery after the restart");

        delivered.DeliveredAt.ShouldBe(scheduled.DueAt);
        await Task.Delay(2500);
        (await scenario.Stream(scheduled.Id)).Count(e => e.Data is RoutineSuggested).ShouldBe(1);
        (await scenario.Recommendations(Runner)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task two_workers_on_one_database_deliver_once()
    {
        await using var scenario = await WatchScenario.StartAsync("watchtwo", DateTimeOffset.Parse("2026-11-25T06:29:57Z"), workers: 2);
        var client = await Runner_(scenario);

        await client.Create($"/runners/{Runner}/pain-reports", Scenarios.Pain(Local(new DateOnly(2026, 11, 25), 7), 6));
        var scheduled = await scenario.WaitFor(Runner, r => r.Status == RecommendationStatus.Scheduled, "the routine");
        scenario.Clock.SetUtcNow(DateTimeOffset.Parse("2026-11-25T06:30:00Z"));
        await scenario.WaitFor(Runner, r => r.Status == RecommendationStatus.Delivered, "the delivery");
        foreach (var worker in new[] { 0, 1 })
            scenario.Worker.Services.GetRequiredService<IRecurringJobManager>().Trigger(DeliverMissedRecommendations.RecurringJobId);

        await Task.Delay(2500);
        var stream = await scenario.Stream(scheduled.Id);
        stream.Count(e => e.Data is PainRiseDetected).ShouldBe(1);
        stream.Count(e => e.Data is RoutineSuggested).ShouldBe(1);
        (await scenario.Recommendations(Runner)).ShouldHaveSingleItem();
    }
}
