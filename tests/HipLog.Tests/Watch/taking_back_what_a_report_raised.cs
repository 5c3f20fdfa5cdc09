using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Hangfire;
using HipLog.Domain.Watch;
using HipLog.Tests.Support;
using HipLog.Worker.Watch;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HipLog.Tests.Watch;

/// <summary>A runner who retracts or corrects a pain report after the watch acted on it: what it raised follows the report.</summary>
[Collection(PainWatchCollection.Name)]
public sealed class taking_back_what_a_report_raised
{
    private const string Runner = "runner-takeback";

    // 07:00 in Berlin on Wednesday 25 November: a routine raised now is due at 07:30, the runner's reminder time.
    private static readonly DateTimeOffset Morning = DateTimeOffset.Parse("2026-11-25T06:00:00Z");
    private static readonly DateTimeOffset ReminderTime = DateTimeOffset.Parse("2026-11-25T07:30:00+01:00");

    /// <summary>A webhook receiver on a loopback port that keeps every body it is sent.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication app;

        private Receiver(WebApplication app) => this.app = app;

        public ConcurrentQueue<JsonNode> Bodies { get; } = new();

        public string Url => app.Urls.First() + "/hook";

        public static async Task<Receiver> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var receiver = new Receiver(builder.Build());
            receiver.app.MapPost("/hook", async (HttpContext http) =>
            {
                receiver.Bodies.Enqueue(JsonNode.Parse(await new StreamReader(http.Request.Body).ReadToEndAsync())!);
                return Results.Ok();
            });
            await receiver.app.StartAsync();
            return receiver;
        }

        public async ValueTask DisposeAsync() => await app.DisposeAsync();
    }

    private static async Task<(WatchScenario Scenario, HttpClient Client)> StartAsync(string name, Receiver receiver)
    {
        var scenario = await WatchScenario.StartAsync(name, Morning, settings: WatchScenario.LoopbackWebhooks);
        var client = scenario.Api.ClientFor(Runner);
        (await client.PutJson($"/runners/{Runner}/profile", new { displayName = "Ana", timeZone = "Europe/Berlin", reminderTime = "07:30",
            webhookUrl = receiver.Url }))
            .EnsureSuccessStatusCode();
        return (scenario, client);
    }

    /// <summary>The reminder time comes; the sweep delivers whatever is due (Hangfire's own job is due in real time, later).</summary>
    private static void ReachReminderTime(WatchScenario scenario)
    {
        scenario.Clock.SetUtcNow(ReminderTime.AddMinutes(1).ToUniversalTime());
        scenario.Worker.Services.GetRequiredService<IRecurringJobManager>().Trigger(DeliverMissedRecommendations.RecurringJobId);
    }

    private static async Task<JsonNode> Recommendation(HttpClient client, string id) =>
        await (await client.GetAsync($"/runners/{Runner}/recommendations/{id}")).ShouldBeJson(HttpStatusCode.OK);

    [Fact]
    public async Task a_flare_retracted_before_the_reminder_time_withdraws_its_routine_and_nothing_is_delivered()
    {
        await using var receiver = await Receiver.StartAsync();
        var (scenario, client) = await StartAsync("takebackretract", receiver);
        await using var _ = scenario;
        var reportId = await client.Create($"/runners/{Runner}/pain-reports", Scenarios.Pain("2026-11-25T06:55:00+01:00", 6));
        var scheduled = await scenario.WaitFor(Runner, r => r.Status == RecommendationStatus.Scheduled, "the routine for the flare");
        scheduled.ReportId.ShouldBe(reportId);
        scheduled.Message!.ShouldContain("6/10");

        (await client.DeleteAsync($"/runners/{Runner}/pain-reports/{reportId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var withdrawn = await scenario.WaitFor(Runner, r => r.Status == RecommendationStatus.Withdrawn, "the routine withdrawn");
        withdrawn.Id.ShouldBe(scheduled.Id);
        withdrawn.FollowUp!.Reason.ShouldBe(FollowUpReasons.ReportRetracted);
        var shown = await Recommendation(client, scheduled.Id);
        shown["status"]!.GetValue<string>().ShouldBe("withdrawn");
        shown["followUp"]!["reason"]!.GetValue<string>().ShouldBe("report-retracted");

        ReachReminderTime(scenario);
        await Task.Delay(2500);
        (await scenario.Stream(scheduled.Id)).Select(e => e.Data.GetType())
            .ShouldBe([typeof(PainRiseDetected), typeof(RoutineScheduled), typeof(RecommendationWithdrawn)]);
        receiver.Bodies.ShouldBeEmpty();
        (await client.List($"/runners/{Runner}/recommendations")).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_seven_corrected_to_three_before_the_reminder_time_withdraws_its_routine_and_nothing_is_delivered()
    {
        await using var receiver = await Receiver.StartAsync();
        var (scenario, client) = await StartAsync("takebackcorrect", receiver);
        await using var _ = scenario;
        var reportId = await client.Create($"/runners/{Runner}/pain-reports", Scenarios.Pain("2026-11-25T06:55:00+01:00", 7));
        var scheduled = await scenario.WaitFor(Runner, r => r.Status == RecommendationStatus.Scheduled, "the routine for the flare");

        (await (await client.PatchMerge($"/runners/{Runner}/pain-reports/{reportId}", """{ "score": 3 }"""))
            .ShouldBeJson(HttpStatusCode.OK))
            ["notes"]!.GetValue<string>().ShouldBe("tight after hills");

        var withdrawn = await scenario.WaitFor(Runner, r => r.Status == RecommendationStatus.Withdrawn, "the routine withdrawn");
        withdrawn.Id.ShouldBe(scheduled.Id);
        withdrawn.FollowUp!.Reason.ShouldBe(FollowUpReasons.ReportCorrected);

        ReachReminderTime(scenario);
        await Task.Delay(2500);
        (await scenario.Stream(scheduled.Id)).Count(e => e.Data is RoutineSuggested).ShouldBe(0);
        (await scenario.Recommendations(Runner)).ShouldHaveSingleItem();
        receiver.Bodies.ShouldBeEmpty();
    }

    [Fact]
    public async Task a_flare_retracted_after_its_routine_was_delivered_leaves_the_routine_with_a_follow_up_in_the_inbox_and_the_webhook()
    {
        await using var receiver = await Receiver.StartAsync();
        var (scenario, client) = await StartAsync("takebackdelivered", receiver);
        await using var _ = scenario;
        var reportId = await client.Create($"/runners/{Runner}/pain-reports", Scenarios.Pain("2026-11-25T06:55:00+01:00", 6));
        var scheduled = await scenario.WaitFor(Runner, r => r.Status == RecommendationStatus.Scheduled, "the routine for the flare");
        ReachReminderTime(scenario);
        await scenario.WaitFor(Runner, r => r.Status == RecommendationStatus.Delivered, "the delivery");
        await Eventually.Get(() => Task.FromResult<string?>(receiver.Bodies.IsEmpty ? null : "posted"), "the delivery posted");

        (await client.DeleteAsync($"/runners/{Runner}/pain-reports/{reportId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var followedUp = await scenario.WaitFor(Runner, r => r.FollowUp is not null, "the follow-up");
        followedUp.Id.ShouldBe(scheduled.Id);
        followedUp.Status.ShouldBe(RecommendationStatus.Delivered);
        var inbox = (await client.List($"/runners/{Runner}/recommendations")).Single()!;
        inbox["id"]!.GetValue<string>().ShouldBe(scheduled.Id);
        inbox["followUp"]!["reason"]!.GetValue<string>().ShouldBe("report-retracted");
        inbox["followUp"]!["message"]!.GetValue<string>().ShouldContain("retracted the pain report");

        await Eventually.Get(() => Task.FromResult<string?>(receiver.Bodies.Count >= 2 ? "both" : null), "the follow-up posted");
        var bodies = receiver.Bodies.ToArray();
        bodies.Select(b => b["type"]!.GetValue<string>()).ShouldBe(["recommendation.delivered", "recommendation.followed-up"]);
        bodies[1]["data"]!["followUp"]!["reason"]!.GetValue<string>().ShouldBe("report-retracted");
        bodies[0]["data"]!["followUp"].ShouldBeNull();

        // Another sweep adds nothing: the routine was followed up once, and posted twice in all.
        ReachReminderTime(scenario);
        await Task.Delay(1500);
        (await scenario.Stream(scheduled.Id)).Count(e => e.Data is RecommendationFollowedUp).ShouldBe(1);
        receiver.Bodies.Count.ShouldBe(2);
    }

    [Fact]
    public async Task a_red_flag_answer_corrected_to_no_keeps_the_clinician_advisory_in_the_history_and_says_why_it_no_longer_applies()
    {
        await using var receiver = await Receiver.StartAsync();
        var (scenario, client) = await StartAsync("takebackredflag", receiver);
        await using var _ = scenario;
        var reportId = await client.Create($"/runners/{Runner}/pain-reports",
            Scenarios.Pain("2026-11-25T06:55:00+01:00", 3).With("redFlags", new { painAtNight = true, painAtRest = false }));
        var advice = await scenario.WaitFor(Runner, r => r.Kind == RecommendationKind.ClinicianReferral, "the clinician advisory");

        var corrected = await (await client.PatchMerge($"/runners/{Runner}/pain-reports/{reportId}",
            """{ "redFlags": { "painAtNight": false } }"""))
            .ShouldBeJson(HttpStatusCode.OK);
        corrected["redFlags"]!["painAtNight"]!.GetValue<bool>().ShouldBeFalse();

        var followedUp = await scenario.WaitFor(Runner, r => r.FollowUp is not null, "the follow-up");
        followedUp.Id.ShouldBe(advice.Id);
        followedUp.Status.ShouldBe(RecommendationStatus.Delivered);
        followedUp.FollowUp!.Reason.ShouldBe(FollowUpReasons.RedFlagCleared);
        var shown = await Recommendation(client, advice.Id);
        shown["kind"]!.GetValue<string>().ShouldBe("clinician-referral");
        shown["message"]!.GetValue<string>().ShouldContain("cannot diagnose");
        shown["followUp"]!["message"]!.GetValue<string>().ShouldContain("no longer applies");
        (await scenario.Recommendations(Runner)).ShouldHaveSingleItem();
    }
}
