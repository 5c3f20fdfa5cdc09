using System.Net;
using Hangfire;
using HipLog.Api.Pain;
using HipLog.Domain.Watch;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;
using HipLog.Worker.Watch;
using Microsoft.Extensions.DependencyInjection;

namespace HipLog.Tests.Watch;

/// <summary>
/// A runner who retracts or corrects a pain report after the watch acted on it: what it raised follows the report. Each story
/// runs once in a class fixture of its own, and each test reads one thing it left.
/// </summary>
public abstract class TakenBack : IAsyncLifetime
{
    public const string Runner = "runner-takeback";

    // 07:00 in Berlin on Wednesday 25 November: a routine raised now is due at 07:30, the runner's reminder time.
    private static readonly DateTimeOffset Morning = DateTimeOffset.Parse("2026-11-25T06:00:00Z");
    private static readonly DateTimeOffset ReminderTime = DateTimeOffset.Parse("2026-11-25T07:30:00+01:00");

    private WebhookReceiver? receiver;
    private WatchScenario? scenario;

    protected WatchScenario Scenario => scenario!;

    public RunnerClient Client { get; private set; } = null!;

    /// <summary>The bodies posted to the runner's webhook, in order.</summary>
    public IReadOnlyList<WebhookPost> Posts => receiver!.Received.Select(r => WebhookPost.Of(r.Body)).ToList();

    protected abstract string Name { get; }

    protected abstract Task StoryAsync();

    public async Task InitializeAsync()
    {
        receiver = await WebhookReceiver.StartAsync();
        scenario = await WatchScenario.StartAsync(Name, Morning, settings: WatchScenario.LoopbackWebhooks);
        Client = scenario.Api.Runner(Runner);
        await Client.Profiles.SetAsync(Sample.Profile("Ana") with { ReminderTime = new TimeOnly(7, 30), WebhookUrl = receiver.Url });
        await StoryAsync();
    }

    public async Task DisposeAsync()
    {
        if (scenario is not null)
            await scenario.DisposeAsync();
        if (receiver is not null)
            await receiver.DisposeAsync();
    }

    /// <summary>The reminder time comes; the sweep delivers whatever is due (Hangfire's own job is due in real time, later).</summary>
    protected void ReachReminderTime()
    {
        Scenario.Clock.SetUtcNow(ReminderTime.AddMinutes(1).ToUniversalTime());
        Scenario.Worker.Services.GetRequiredService<IRecurringJobManager>().Trigger(DeliverMissedRecommendations.RecurringJobId);
    }

    protected Task<RecommendationView> Scheduled() =>
        Scenario.WaitFor(Runner, r => r.Status == RecommendationStatus.Scheduled, "the routine for the flare");

    protected async Task<Type[]> EventsOf(string recommendationId) =>
        (await Scenario.Stream(recommendationId)).Select(e => e.Data.GetType()).ToArray();
}

/// <summary>A flare at 06:55, retracted before the 07:30 reminder; then the reminder time comes.</summary>
public sealed class FlareRetractedBeforeDelivery : TakenBack
{
    protected override string Name => "takebackretract";

    public PainReportResponse Report { get; private set; } = null!;

    public RecommendationView Raised { get; private set; } = null!;

    public RecommendationView Withdrawn { get; private set; } = null!;

    public RecommendationPayload Shown { get; private set; } = null!;

    public Type[] Events { get; private set; } = [];

    public IReadOnlyList<RecommendationPayload> Inbox { get; private set; } = [];

    protected override async Task StoryAsync()
    {
        Report = await Client.Pain.CreateAsync(Sample.Pain("2026-11-25T06:55:00+01:00", 6));
        Raised = await Scheduled();

        (await Client.Pain.RetractAsync(Report.Id)).IsEmpty(HttpStatusCode.NoContent);

        Withdrawn = await Scenario.WaitFor(Runner, r => r.Status == RecommendationStatus.Withdrawn, "the routine withdrawn");
        Shown = await Client.Watch.ReadAsync(Raised.Id);
        ReachReminderTime();
        await Task.Delay(2500);
        Events = await EventsOf(Raised.Id);
        Inbox = await Client.Watch.ListAsync();
    }
}

[Collection(PainWatchCollection.Name)]
public sealed class retracting_a_flare_before_its_routine_is_due(FlareRetractedBeforeDelivery story)
    : IClassFixture<FlareRetractedBeforeDelivery>
{
    [Fact]
    public void a_flare_raises_a_routine_for_its_report()
    {
        story.Raised.ReportId.ShouldBe(story.Report.Id);
        story.Raised.Message!.ShouldContain("6/10");
    }

    [Fact]
    public void the_retraction_withdraws_the_routine()
    {
        (story.Withdrawn.Id, story.Withdrawn.FollowUp!.Reason).ShouldBe((story.Raised.Id, FollowUpReasons.ReportRetracted));
    }

    [Fact]
    public void the_routine_reads_as_withdrawn_because_the_report_was_retracted()
    {
        (story.Shown.Status, story.Shown.FollowUp!.Reason).ShouldBe((RecommendationStatus.Withdrawn, "report-retracted"));
    }

    [Fact]
    public void the_withdrawn_routine_is_never_delivered()
    {
        story.Events.ShouldBe([typeof(PainRiseDetected), typeof(RoutineScheduled), typeof(RecommendationWithdrawn)]);
        story.Posts.ShouldBeEmpty();
    }

    [Fact]
    public void the_withdrawn_routine_is_not_in_the_inbox()
    {
        story.Inbox.ShouldBeEmpty();
    }
}

/// <summary>A seven at 06:55, patched to a three before the 07:30 reminder; then the reminder time comes.</summary>
public sealed class SevenCorrectedToThree : TakenBack
{
    protected override string Name => "takebackcorrect";

    public PainReportResponse Report { get; private set; } = null!;

    public PainReportResponse Corrected { get; private set; } = null!;

    public RecommendationView Raised { get; private set; } = null!;

    public RecommendationView Withdrawn { get; private set; } = null!;

    public Type[] Events { get; private set; } = [];

    public int Recommendations { get; private set; }

    protected override async Task StoryAsync()
    {
        Report = await Client.Pain.CreateAsync(Sample.Pain("2026-11-25T06:55:00+01:00", 7));
        Raised = await Scheduled();

        Corrected = (await Client.Pain.PatchAsync(Report.Id, """{ "score": 3 }""")).Is<PainReportResponse>(HttpStatusCode.OK);

        Withdrawn = await Scenario.WaitFor(Runner, r => r.Status == RecommendationStatus.Withdrawn, "the routine withdrawn");
        ReachReminderTime();
        await Task.Delay(2500);
        Events = await EventsOf(Raised.Id);
        Recommendations = (await Scenario.Recommendations(Runner)).Count;
    }
}

[Collection(PainWatchCollection.Name)]
public sealed class correcting_a_flare_before_its_routine_is_due(SevenCorrectedToThree story) : IClassFixture<SevenCorrectedToThree>
{
    [Fact]
    public void the_patched_score_keeps_the_rest_of_the_report()
    {
        story.Corrected.ShouldBe(story.Report with { Score = 3, Corrections = 1 });
        story.Corrected.Notes.ShouldBe("tight after hills");
    }

    [Fact]
    public void a_seven_corrected_to_three_withdraws_its_routine()
    {
        (story.Withdrawn.Id, story.Withdrawn.FollowUp!.Reason).ShouldBe((story.Raised.Id, FollowUpReasons.ReportCorrected));
    }

    [Fact]
    public void the_routine_withdrawn_by_the_correction_is_never_delivered()
    {
        story.Events.ShouldNotContain(typeof(RoutineSuggested));
        story.Posts.ShouldBeEmpty();
    }

    [Fact]
    public void the_three_raises_nothing_new()
    {
        story.Recommendations.ShouldBe(1);
    }
}

/// <summary>A flare whose routine was delivered at 07:30 and posted, then retracted; then another sweep.</summary>
public sealed class FlareRetractedAfterDelivery : TakenBack
{
    protected override string Name => "takebackdelivered";

    public RecommendationView Raised { get; private set; } = null!;

    public RecommendationView FollowedUp { get; private set; } = null!;

    public IReadOnlyList<RecommendationPayload> Inbox { get; private set; } = [];

    public IReadOnlyList<WebhookPost> PostsBeforeTheSweep { get; private set; } = [];

    public int FollowUps { get; private set; }

    protected override async Task StoryAsync()
    {
        var report = await Client.Pain.CreateAsync(Sample.Pain("2026-11-25T06:55:00+01:00", 6));
        Raised = await Scheduled();
        ReachReminderTime();
        await Scenario.WaitFor(Runner, r => r.Status == RecommendationStatus.Delivered, "the delivery");
        await Eventually.Get(() => Task.FromResult<string?>(Posts.Count == 0 ? null : "posted"), "the delivery posted");

        (await Client.Pain.RetractAsync(report.Id)).IsEmpty(HttpStatusCode.NoContent);

        FollowedUp = await Scenario.WaitFor(Runner, r => r.FollowUp is not null, "the follow-up");
        Inbox = await Client.Watch.ListAsync();
        await Eventually.Get(() => Task.FromResult<string?>(Posts.Count >= 2 ? "both" : null), "the follow-up posted");
        PostsBeforeTheSweep = Posts;

        ReachReminderTime();
        await Task.Delay(1500);
        FollowUps = (await EventsOf(Raised.Id)).Count(t => t == typeof(RecommendationFollowedUp));
    }
}

[Collection(PainWatchCollection.Name)]
public sealed class retracting_a_flare_after_its_routine_was_delivered(FlareRetractedAfterDelivery story)
    : IClassFixture<FlareRetractedAfterDelivery>
{
    [Fact]
    public void the_delivered_routine_stays_delivered()
    {
        (story.FollowedUp.Id, story.FollowedUp.Status).ShouldBe((story.Raised.Id, RecommendationStatus.Delivered));
    }

    [Fact]
    public void the_inbox_says_why_the_routine_no_longer_applies()
    {
        var routine = story.Inbox.ShouldHaveSingleItem();

        (routine.Id, routine.FollowUp!.Reason).ShouldBe((story.Raised.Id, "report-retracted"));
        routine.FollowUp.Message.ShouldContain("retracted the pain report");
    }

    [Fact]
    public void the_webhook_is_posted_the_follow_up_after_the_delivery()
    {
        story.PostsBeforeTheSweep.Select(p => p.Type).ShouldBe(["recommendation.delivered", "recommendation.followed-up"]);
        story.PostsBeforeTheSweep[1].Data.FollowUp!.Reason.ShouldBe("report-retracted");
    }

    [Fact]
    public void the_delivery_posted_before_had_no_follow_up()
    {
        story.PostsBeforeTheSweep[0].Data.FollowUp.ShouldBeNull();
    }

    [Fact]
    public void another_sweep_follows_the_routine_up_no_more()
    {
        story.FollowUps.ShouldBe(1);
        story.Posts.Count.ShouldBe(2);
    }
}

/// <summary>A night-pain answer that raised a clinician advisory, corrected to no.</summary>
public sealed class RedFlagCorrectedToNo : TakenBack
{
    protected override string Name => "takebackredflag";

    public PainReportResponse Corrected { get; private set; } = null!;

    public RecommendationView Advice { get; private set; } = null!;

    public RecommendationView FollowedUp { get; private set; } = null!;

    public RecommendationPayload Shown { get; private set; } = null!;

    public int Recommendations { get; private set; }

    protected override async Task StoryAsync()
    {
        var report = await Client.Pain.CreateAsync(Sample.Pain("2026-11-25T06:55:00+01:00", 3) with
        {
            RedFlags = new(PainAtNight: true, PainAtRest: false),
        });
        Advice = await Scenario.WaitFor(Runner, r => r.Kind == RecommendationKind.ClinicianReferral, "the clinician advisory");

        Corrected = (await Client.Pain.PatchAsync(report.Id, """{ "redFlags": { "painAtNight": false } }"""))
            .Is<PainReportResponse>(HttpStatusCode.OK);

        FollowedUp = await Scenario.WaitFor(Runner, r => r.FollowUp is not null, "the follow-up");
        Shown = await Client.Watch.ReadAsync(Advice.Id);
        Recommendations = (await Scenario.Recommendations(Runner)).Count;
    }
}

[Collection(PainWatchCollection.Name)]
public sealed class correcting_a_red_flag_answer_to_no(RedFlagCorrectedToNo story) : IClassFixture<RedFlagCorrectedToNo>
{
    [Fact]
    public void the_red_flag_answer_reads_as_no()
    {
        story.Corrected.RedFlags.PainAtNight.ShouldBeFalse();
    }

    [Fact]
    public void the_clinician_advisory_stays_delivered()
    {
        (story.FollowedUp.Id, story.FollowedUp.Status).ShouldBe((story.Advice.Id, RecommendationStatus.Delivered));
        story.Recommendations.ShouldBe(1);
    }

    [Fact]
    public void the_advisory_says_why_it_no_longer_applies()
    {
        story.FollowedUp.FollowUp!.Reason.ShouldBe(FollowUpReasons.RedFlagCleared);
        story.Shown.FollowUp!.Message.ShouldContain("no longer applies");
    }

    [Fact]
    public void the_advisory_stays_in_the_history_as_it_was_given()
    {
        story.Shown.Kind.ShouldBe(RecommendationKind.ClinicianReferral);
        story.Shown.Message!.ShouldContain("cannot diagnose");
    }
}
