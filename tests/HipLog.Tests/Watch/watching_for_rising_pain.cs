using System.Globalization;
using System.Net;
using Hangfire;
using HipLog.Domain.Watch;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;
using HipLog.Worker.Watch;
using Microsoft.Extensions.DependencyInjection;

namespace HipLog.Tests.Watch;

[Collection(PainWatchCollection.Name)]
public sealed class watching_for_rising_pain
{
    private const string Runner = "runner-watch";
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static string Local(DateOnly day, int hour, int minute = 0) => Sample.InBerlin(day, hour, minute);

    private static async Task<HttpClient> Runner_(WatchScenario scenario, object? profile = null)
    {
        var client = scenario.Api.ClientFor(Runner);
        (await client.PutJson($"/runners/{Runner}/profile", profile ?? new { displayName = "Ana", timeZone = "Europe/Berlin",
            reminderTime = "07:30" }))
            .EnsureSuccessStatusCode();
        return client;
    }

    [Fact]
    public async Task three_weeks_of_rising_front_hip_pain_end_in_one_routine_of_hip_flexor_exercises_delivered_at_half_past_seven()
    {
        // Monday 23 November, 18:00 in Berlin: the runner imports three weeks of evening reports, then logs today's.
        await using var scenario = await WatchScenario.StartAsync("watchrising", new DateTimeOffset(2026, 11, 23, 17, 0, 0, TimeSpan.Zero));
        var client = await Runner_(scenario);
        int[] scores = [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 4, 4, 4, 5, 5, 6];
        for (var i = 0; i < scores.Length; i++)
            await client.Create($"/runners/{Runner}/pain-reports",
                Scenarios.Pain(Local(new DateOnly(2026, 11, 2).AddDays(i), 17, 30), scores[i]));

        // The last two reports are recent: Sunday's raises a routine, Monday's a newer one that replaces it.
        var routine = await scenario.WaitFor(Runner, r => r.Reasons.Contains(PainRules.Flare), "the routine for Monday's report");
        var replaced = await scenario.WaitFor(Runner, r => r.Status == RecommendationStatus.Superseded, "Sunday's routine replaced");
        (await scenario.Recommendations(Runner)).Count.ShouldBe(2);
        replaced.SupersededBy.ShouldBe(routine.Id);
        routine.Kind.ShouldBe(RecommendationKind.Routine);
        routine.Status.ShouldBe(RecommendationStatus.Scheduled);
        routine.Reasons.ShouldBe([PainRules.Flare, PainRules.RisingWeek]);
        routine.DueAt.ShouldBe(DateTimeOffset.Parse("2026-11-24T07:30:00+01:00"));
        routine.Exercises.Select(e => e.ExerciseId)
            .ShouldBe(["lizard-lower-lunge", "hip-flexor-roll-out", "single-leg-knee-lift", "garland-pose"]);

        var listed = await (await client.GetAsync($"/runners/{Runner}/recommendations")).ShouldBeJson(HttpStatusCode.OK);
        listed["items"]!.AsArray().Single()!["status"]!.GetValue<string>().ShouldBe("scheduled");
        listed["items"]!.AsArray().Single()!["exercises"]![0]!["holdBreaths"]!.GetValue<int>().ShouldBe(8);

        // Tuesday 07:30 in Berlin. Hangfire's own job is due hours of real time from now; the sweep delivers it.
        scenario.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 24, 6, 30, 0, TimeSpan.Zero));
        scenario.Worker.Services.GetRequiredService<IRecurringJobManager>().Trigger(DeliverMissedRecommendations.RecurringJobId);
        var delivered = await scenario.WaitFor(Runner, r => r.Status == RecommendationStatus.Delivered, "the delivery");

        delivered.Id.ShouldBe(routine.Id);
        delivered.DeliveredAt.ShouldBe(DateTimeOffset.Parse("2026-11-24T07:30:00+01:00"));
        scenario.Worker.Services.GetRequiredService<IRecurringJobManager>().Trigger(DeliverMissedRecommendations.RecurringJobId);
        await Task.Delay(1500);
        (await scenario.Stream(routine.Id)).Count(e => e.Data is RoutineSuggested).ShouldBe(1);
        (await scenario.Stream(replaced.Id)).Count(e => e.Data is RoutineSuggested).ShouldBe(0);

        var acknowledged = await (await client.PostAsync($"/runners/{Runner}/recommendations/{routine.Id}/acknowledge", null))
            .ShouldBeJson(HttpStatusCode.OK);
        acknowledged["status"]!.GetValue<string>().ShouldBe("acknowledged");
        await client.Create($"/runners/{Runner}/stretch-sessions", Scenarios.Session(Local(new DateOnly(2026, 11, 24), 8))
            .With("recommendationId", routine.Id));
        (await scenario.Recommendations(Runner)).Single(r => r.Id == routine.Id).Status.ShouldBe(RecommendationStatus.Completed);
        (await client.List($"/runners/{Runner}/recommendations")).ShouldBeEmpty();
        (await client.List($"/runners/{Runner}/recommendations?status=completed")).Count.ShouldBe(1);
        await (await client.PostAsync($"/runners/{Runner}/recommendations/{routine.Id}/dismiss", null))
            .ShouldBeProblem(HttpStatusCode.Conflict);
        await (await client.GetAsync($"/runners/{Runner}/recommendations?status=soon")).ShouldBeProblem(HttpStatusCode.BadRequest);
        await (await client.PostAsync($"/runners/{Runner}/recommendations/rec-nothing/acknowledge", null))
            .ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task night_pain_ends_in_a_clinician_advisory_at_once_and_no_routine()
    {
        await using var scenario = await WatchScenario.StartAsync("watchnight", new DateTimeOffset(2026, 11, 24, 21, 0, 0, TimeSpan.Zero));
        var client = await Runner_(scenario);

        await client.Create($"/runners/{Runner}/pain-reports",
            Scenarios.Pain(Local(new DateOnly(2026, 11, 24), 21, 30), 3).With("timing", "at-night")
                .With("redFlags", new { painAtNight = true }));

        var advice = await scenario.WaitFor(Runner, r => r.Status == RecommendationStatus.Delivered, "the clinician advisory");
        advice.Kind.ShouldBe(RecommendationKind.ClinicianReferral);
        advice.Reasons.ShouldBe(["red-flag:pain-at-night"]);
        advice.DeliveredAt.ShouldBe(advice.DetectedAt);
        advice.Exercises.ShouldBeEmpty();
        advice.Message!.ShouldContain("cannot diagnose");
        await Task.Delay(1000);
        (await scenario.Recommendations(Runner)).ShouldHaveSingleItem();
        var listed = await (await client.GetAsync($"/runners/{Runner}/recommendations")).ShouldBeJson(HttpStatusCode.OK);
        listed["items"]!.AsArray().Single()!["kind"]!.GetValue<string>().ShouldBe("clinician-referral");
    }

    [Fact]
    public async Task a_registration_and_reports_written_while_no_worker_ran_are_judged_together_in_log_order()
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
    public async Task killing_the_worker_between_scheduling_and_delivery_still_delivers_exactly_once()
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
