using System.Net;
using Hangfire;
using HipLog.Api.CalendarFeeds;
using HipLog.Domain.CalendarFeeds;
using HipLog.Domain.Pain;
using HipLog.Domain.Watch;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;
using HipLog.Worker.Watch;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using VCalendar = Ical.Net.Calendar;

namespace HipLog.Tests.CalendarFeeds;

/// <summary>
/// A calendar app's view of one runner's feed through a week, fetched without a token and parsed back with Ical.Net: subscribed
/// with nothing planned, a routine scheduled, delivered and dismissed, a clinician advisory, the address rotated, the log
/// exported and the feed revoked. The story runs once; each test reads one thing it showed.
/// </summary>
public sealed class CalendarFeedStory : IAsyncLifetime
{
    public const string Runner = "runner-calendar";

    private WatchScenario? scenario;

    public Answer Created { get; private set; } = null!;

    public string Url { get; private set; } = "";

    public string Secret => SecretOf(Url);

    public Answer Empty { get; private set; } = null!;

    public RecommendationView Routine { get; private set; } = null!;

    public Answer Scheduled { get; private set; } = null!;

    public Answer Delivered { get; private set; } = null!;

    /// <summary>The feed again five minutes after delivery, nothing having happened.</summary>
    public Answer DeliveredLater { get; private set; } = null!;

    public Answer Dismissed { get; private set; } = null!;

    public RecommendationView Advice { get; private set; } = null!;

    public Answer WithAdvice { get; private set; } = null!;

    public Answer OtherRotating { get; private set; } = null!;

    public Answer OtherRevoking { get; private set; } = null!;

    public Answer AfterOthers { get; private set; } = null!;

    public string Rotated { get; private set; } = "";

    public Answer OldAfterRotation { get; private set; } = null!;

    public Answer RotatedRead { get; private set; } = null!;

    public Export Export { get; private set; } = null!;

    public Answer Revoked { get; private set; } = null!;

    public Answer RotatedAfterRevoking { get; private set; } = null!;

    public Answer RevokedAgain { get; private set; } = null!;

    public int FeedsLeft { get; private set; }

    public IReadOnlyList<CapturedLogs.Line> Logged { get; private set; } = [];

    /// <summary>Every read of the feed that found it.</summary>
    public IEnumerable<Answer> Reads => [Empty, Scheduled, Delivered, DeliveredLater, Dismissed, WithAdvice, AfterOthers, RotatedRead];

    public static string SecretOf(string url) => url["http://localhost/calendar/".Length..^".ics".Length];

    public static VCalendar Calendar(Answer feed) => VCalendar.Load(feed.Body)!;

    public static CalendarEvent Single(Answer feed) => Calendar(feed).Events.ShouldHaveSingleItem();

    public async Task InitializeAsync()
    {
        // Tuesday 24 November, 18:00 in Berlin.
        scenario = await WatchScenario.StartAsync("calendarfeed", DateTimeOffset.Parse("2026-11-24T17:00:00Z"));
        var runner = scenario.Api.Runner(Runner);
        var feed = runner.CalendarFeed;
        await runner.Profiles.SetAsync(Sample.Profile("Cal") with { ReminderTime = new TimeOnly(7, 30) });

        Created = await feed.PostAsync();
        Url = Created.Is<CalendarFeedResponse>(HttpStatusCode.Created).Url!;
        Empty = await feed.ReadAsync(Url);

        // A flare this evening: a routine for tomorrow 07:30 in Berlin.
        await runner.Pain.CreateAsync(Sample.Pain(Sample.InBerlin(new DateOnly(2026, 11, 24), 17, 50), 6));
        Routine = await scenario.WaitFor(Runner, r => r.Status == RecommendationStatus.Scheduled, "the routine");
        Scheduled = await feed.ReadAsync(Url);

        // Wednesday 07:30: delivered.
        scenario.Clock.SetUtcNow(DateTimeOffset.Parse("2026-11-25T06:30:00Z"));
        scenario.Worker.Services.GetRequiredService<IRecurringJobManager>().Trigger(DeliverMissedRecommendations.RecurringJobId);
        await scenario.WaitFor(Runner, r => r.Status == RecommendationStatus.Delivered, "the delivery");
        Delivered = await feed.ReadAsync(Url);
        scenario.Clock.Advance(TimeSpan.FromMinutes(5));
        DeliveredLater = await feed.ReadAsync(Url);

        (await runner.Watch.DismissAsync(Routine.Id)).Status.ShouldBe(HttpStatusCode.OK);
        Dismissed = await feed.ReadAsync(Url);

        // A red-flag answer: a clinician advisory.
        await runner.Pain.CreateAsync(Sample.Pain(Sample.InBerlin(new DateOnly(2026, 11, 25), 7, 30), 3) with
        {
            Timing = PainTiming.AtNight, RedFlags = new(PainAtNight: true),
        });
        Advice = await scenario.WaitFor(Runner, r => r.Kind == RecommendationKind.ClinicianReferral, "the clinician advisory");
        WithAdvice = await feed.ReadAsync(Url);

        var other = scenario.Api.Runner(Runner, scenario.Api.ClientFor("runner-someone-else")).CalendarFeed;
        OtherRotating = await other.PostAsync();
        OtherRevoking = await other.RevokeAsync();
        AfterOthers = await feed.ReadAsync(Url);

        Rotated = (await feed.CreateAsync()).Url!;
        OldAfterRotation = await feed.ReadAsync(Url);
        RotatedRead = await feed.ReadAsync(Rotated);

        Export = await runner.DataRights.ExportAsync();

        Revoked = await feed.RevokeAsync();
        RotatedAfterRevoking = await feed.ReadAsync(Rotated);
        RevokedAgain = await feed.RevokeAsync();
        await using (var session = scenario.Api.Store.QuerySession())
            FeedsLeft = await session.Query<CalendarFeed>().CountAsync();
        Logged = scenario.Api.Logs.Lines;
    }

    public async Task DisposeAsync()
    {
        if (scenario is not null)
            await scenario.DisposeAsync();
    }
}

[Collection(PainWatchCollection.Name)]
public sealed class subscribing_to_the_calendar_feed(CalendarFeedStory story) : IClassFixture<CalendarFeedStory>
{
    [Fact]
    public void a_feed_is_made_at_the_runners_calendar_feed_path()
    {
        story.Created.Location.ShouldBe($"/runners/{CalendarFeedStory.Runner}/calendar-feed");
    }

    [Fact]
    public void the_address_is_a_well_formed_secret_under_calendar()
    {
        story.Url.ShouldStartWith("http://localhost/calendar/");
        story.Url.ShouldEndWith(".ics");
        CalendarFeedSecret.IsWellFormed(story.Secret).ShouldBeTrue(story.Secret);
    }

    [Fact]
    public void every_read_is_an_icalendar_no_one_may_cache()
    {
        foreach (var read in story.Reads)
        {
            read.Status.ShouldBe(HttpStatusCode.OK, read.Body);
            (read.MediaType, read.Charset).ShouldBe(("text/calendar", "utf-8"));
            read.Headers.CacheControl!.NoStore.ShouldBeTrue();
            read.Headers.CacheControl.Private.ShouldBeTrue();
        }
    }

    [Fact]
    public void a_feed_with_nothing_planned_holds_only_the_runners_zone()
    {
        var empty = CalendarFeedStory.Calendar(story.Empty);

        empty.Events.ShouldBeEmpty();
        empty.TimeZones.ShouldHaveSingleItem().TzId.ShouldBe("Europe/Berlin");
    }

    [Fact]
    public void a_scheduled_routine_is_the_event_of_its_recommendation()
    {
        CalendarFeedStory.Single(story.Scheduled).Uid.ShouldBe($"{story.Routine.Id}@hiplog");
    }

    [Fact]
    public void a_scheduled_routine_is_a_quarter_of_an_hour_at_the_reminder_time_on_the_runners_clock()
    {
        var planned = CalendarFeedStory.Single(story.Scheduled);

        planned.DtStart!.TzId.ShouldBe("Europe/Berlin");
        planned.DtStart.Value.ShouldBe(new DateTime(2026, 11, 25, 7, 30, 0));
        planned.DtStart.AsUtc.ShouldBe(new DateTime(2026, 11, 25, 6, 30, 0, DateTimeKind.Utc));
        planned.DtEnd!.SubtractExact(planned.DtStart).ShouldBe(TimeSpan.FromMinutes(15));
    }

    [Fact]
    public void a_scheduled_routine_is_confirmed_at_the_version_of_its_recommendation()
    {
        var planned = CalendarFeedStory.Single(story.Scheduled);

        planned.Status.ShouldBe(EventStatus.Confirmed);
        planned.Sequence.ShouldBe((int)story.Routine.Version);
    }

    [Fact]
    public void a_scheduled_routine_describes_the_rise_with_the_exercises_to_do()
    {
        var description = CalendarFeedStory.Single(story.Scheduled).Description!;

        description.ShouldContain("6/10 is above the 5/10 that is acceptable while training.");
        description.ShouldContain("- Lizard lower lunge: hold 8 breaths, each side.");
        description.ShouldContain("HipLog does not diagnose");
    }

    [Fact]
    public void a_delivered_routine_has_a_higher_sequence()
    {
        CalendarFeedStory.Single(story.Delivered).Sequence.ShouldBeGreaterThan(CalendarFeedStory.Single(story.Scheduled).Sequence);
    }

    [Fact]
    public void the_feed_is_the_same_text_while_nothing_happens()
    {
        story.DeliveredLater.Body.ShouldBe(story.Delivered.Body);
    }

    [Fact]
    public void a_dismissed_routine_is_cancelled_in_place()
    {
        var cancelled = CalendarFeedStory.Single(story.Dismissed);

        // The same event with a higher sequence, so that the app takes it out where it was.
        cancelled.Uid.ShouldBe(CalendarFeedStory.Single(story.Scheduled).Uid);
        cancelled.Status.ShouldBe(EventStatus.Cancelled);
        cancelled.Sequence.ShouldBeGreaterThan(CalendarFeedStory.Single(story.Delivered).Sequence);
    }

    [Fact]
    public void a_dismissed_routine_says_it_was_dismissed()
    {
        CalendarFeedStory.Single(story.Dismissed).Description!.ShouldStartWith("Cancelled: you dismissed it.");
    }

    [Fact]
    public void a_clinician_advisory_joins_the_routine()
    {
        CalendarFeedStory.Calendar(story.WithAdvice).Events.Select(e => e.Uid)
            .ShouldBe([$"{story.Routine.Id}@hiplog", $"{story.Advice.Id}@hiplog"]);
    }

    [Fact]
    public void a_clinician_advisory_is_a_confirmed_event_to_see_a_clinician_saying_why()
    {
        var advice = CalendarFeedStory.Calendar(story.WithAdvice).Events.ToList()[1];

        advice.Summary!.ShouldStartWith("See a clinician");
        advice.Status.ShouldBe(EventStatus.Confirmed);
        advice.Description!.ShouldContain("You said the pain comes at night.");
    }

    [Fact]
    public void another_runner_can_neither_rotate_nor_revoke_the_feed()
    {
        story.OtherRotating.IsProblem(HttpStatusCode.Forbidden);
        story.OtherRevoking.IsProblem(HttpStatusCode.Forbidden);
        story.AfterOthers.Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public void rotating_gives_a_new_address_to_the_same_feed()
    {
        story.Rotated.ShouldNotBe(story.Url);
        CalendarFeedStory.Calendar(story.RotatedRead).Events.Count.ShouldBe(2);
    }

    [Fact]
    public void rotating_ends_the_old_address_at_once()
    {
        story.OldAfterRotation.IsProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public void the_export_says_since_when_there_is_a_feed_on_the_runners_clock()
    {
        story.Export.Log.CalendarFeed.ShouldNotBeNull().CreatedAt.OnTheirClock().ShouldEndWith("+01:00");
    }

    [Fact]
    public void the_export_holds_neither_an_address_nor_the_hash_it_is_found_by()
    {
        var rotatedSecret = CalendarFeedStory.SecretOf(story.Rotated);

        foreach (var (name, content) in story.Export.Files)
            foreach (var needle in new[] { story.Secret, rotatedSecret, CalendarFeedSecret.HashOf(rotatedSecret) })
                content.ShouldNotContain(needle, Case.Sensitive, name);
    }

    [Fact]
    public void a_revoked_feed_is_gone()
    {
        story.Revoked.IsEmpty(HttpStatusCode.NoContent);
        story.RotatedAfterRevoking.IsProblem(HttpStatusCode.NotFound);
        story.FeedsLeft.ShouldBe(0);
    }

    [Fact]
    public void revoking_again_is_no_error()
    {
        story.RevokedAgain.IsEmpty(HttpStatusCode.NoContent);
    }

    [Fact]
    public void no_log_line_holds_an_address()
    {
        var rotatedSecret = CalendarFeedStory.SecretOf(story.Rotated);

        story.Logged.ShouldNotContain(l => l.Message.Contains(story.Secret) || l.Message.Contains(rotatedSecret));
    }
}
