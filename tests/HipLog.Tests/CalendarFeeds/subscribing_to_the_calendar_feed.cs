using System.Net;
using Hangfire;
using HipLog.Domain.CalendarFeeds;
using HipLog.Domain.Watch;
using HipLog.Tests.DataRights;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;
using HipLog.Worker.Watch;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using VCalendar = Ical.Net.Calendar;

namespace HipLog.Tests.CalendarFeeds;

/// <summary>A calendar app's view of the feed: fetched without a token, parsed back with Ical.Net.</summary>
[Collection(PainWatchCollection.Name)]
public sealed class subscribing_to_the_calendar_feed
{
    private const string Runner = "runner-calendar";

    /// <summary>A time on the clock in Berlin, the runner's zone.</summary>
    private static string Local(DateOnly day, int hour, int minute = 0) => Sample.InBerlin(day, hour, minute);

    /// <summary>Answers the feed's address from a 201, failing the test on anything else.</summary>
    private static async Task<string> CreateFeed(HttpClient client)
    {
        var response = await client.PostAsync($"/runners/{Runner}/calendar-feed", null);
        response.Headers.Location!.ToString().ShouldBe($"/runners/{Runner}/calendar-feed");
        return (await response.ShouldBeJson(HttpStatusCode.Created))["url"]!.GetValue<string>();
    }

    /// <summary>The feed as a calendar app reads it: no Authorization header, the address is all it has.</summary>
    private static async Task<(VCalendar Calendar, string Text)> Read(HipLogApi api, string url)
    {
        using var app = api.CreateClient();
        var response = await app.GetAsync(new Uri(url).PathAndQuery);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        response.Content.Headers.ContentType!.ToString().ShouldBe("text/calendar; charset=utf-8");
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        response.Headers.CacheControl.Private.ShouldBeTrue();
        return (VCalendar.Load(text)!, text);
    }

    private static async Task ShouldBeGone(HipLogApi api, string url)
    {
        using var app = api.CreateClient();
        await (await app.GetAsync(new Uri(url).PathAndQuery)).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task routines_appear_at_their_local_time_are_cancelled_in_place_and_the_address_can_be_rotated_and_revoked()
    {
        // Tuesday 24 November, 18:00 in Berlin.
        await using var scenario = await WatchScenario.StartAsync("calendarfeed", DateTimeOffset.Parse("2026-11-24T17:00:00Z"));
        var client = scenario.Api.ClientFor(Runner);
        (await client.PutJson($"/runners/{Runner}/profile", new { displayName = "Cal", timeZone = "Europe/Berlin",
            reminderTime = "07:30" })).EnsureSuccessStatusCode();

        var url = await CreateFeed(client);
        url.ShouldStartWith("http://localhost/calendar/");
        url.ShouldEndWith(".ics");
        var secret = url["http://localhost/calendar/".Length..^".ics".Length];
        CalendarFeedSecret.IsWellFormed(secret).ShouldBeTrue(secret);
        var (empty, _) = await Read(scenario.Api, url);
        empty.Events.ShouldBeEmpty();
        empty.TimeZones.ShouldHaveSingleItem().TzId.ShouldBe("Europe/Berlin");

        // A flare this evening: a routine for tomorrow 07:30 in Berlin.
        await client.Create($"/runners/{Runner}/pain-reports", Scenarios.Pain(Local(new DateOnly(2026, 11, 24), 17, 50), 6));
        var routine = await scenario.WaitFor(Runner, r => r.Status == RecommendationStatus.Scheduled, "the routine");

        var (scheduled, _) = await Read(scenario.Api, url);
        var planned = scheduled.Events.ShouldHaveSingleItem();
        planned.Uid.ShouldBe($"{routine.Id}@hiplog");
        planned.DtStart!.TzId.ShouldBe("Europe/Berlin");
        planned.DtStart.Value.ShouldBe(new DateTime(2026, 11, 25, 7, 30, 0));
        planned.DtStart.AsUtc.ShouldBe(new DateTime(2026, 11, 25, 6, 30, 0, DateTimeKind.Utc));
        planned.DtEnd!.SubtractExact(planned.DtStart).ShouldBe(TimeSpan.FromMinutes(15));
        planned.Status.ShouldBe(EventStatus.Confirmed);
        planned.Sequence.ShouldBe((int)routine.Version);
        planned.Description!.ShouldContain("6/10 is above the 5/10 that is acceptable while training.");
        planned.Description!.ShouldContain("- Lizard lower lunge: hold 8 breaths, each side.");
        planned.Description!.ShouldContain("HipLog does not diagnose");

        // Wednesday 07:30: delivered. Nothing changes between two reads, and neither does the feed.
        scenario.Clock.SetUtcNow(DateTimeOffset.Parse("2026-11-25T06:30:00Z"));
        scenario.Worker.Services.GetRequiredService<IRecurringJobManager>().Trigger(DeliverMissedRecommendations.RecurringJobId);
        await scenario.WaitFor(Runner, r => r.Status == RecommendationStatus.Delivered, "the delivery");
        var (delivered, deliveredText) = await Read(scenario.Api, url);
        scenario.Clock.Advance(TimeSpan.FromMinutes(5));
        (await Read(scenario.Api, url)).Text.ShouldBe(deliveredText);
        delivered.Events.Single().Sequence.ShouldBeGreaterThan(planned.Sequence);

        // Dismissed: the same event, cancelled, with a higher sequence, so the app takes it out in place.
        (await client.PostAsync($"/runners/{Runner}/recommendations/{routine.Id}/dismiss", null)).EnsureSuccessStatusCode();
        var cancelled = (await Read(scenario.Api, url)).Calendar.Events.ShouldHaveSingleItem();
        cancelled.Uid.ShouldBe(planned.Uid);
        cancelled.Status.ShouldBe(EventStatus.Cancelled);
        cancelled.Sequence.ShouldBeGreaterThan(delivered.Events.Single().Sequence);
        cancelled.Description!.ShouldStartWith("Cancelled: you dismissed it.");

        // A red-flag answer: the clinician advisory joins the routine, at the time it was given.
        await client.Create($"/runners/{Runner}/pain-reports",
            Scenarios.Pain(Local(new DateOnly(2026, 11, 25), 7, 30), 3).With("timing", "at-night")
                .With("redFlags", new { painAtNight = true }));
        var advice = await scenario.WaitFor(Runner, r => r.Kind == RecommendationKind.ClinicianReferral, "the clinician advisory");
        var withAdvice = (await Read(scenario.Api, url)).Calendar.Events.ToList();
        withAdvice.Select(e => e.Uid).ShouldBe([planned.Uid, $"{advice.Id}@hiplog"]);
        withAdvice[1].Summary.ShouldStartWith("See a clinician");
        withAdvice[1].Status.ShouldBe(EventStatus.Confirmed);
        withAdvice[1].Description!.ShouldContain("You said the pain comes at night.");

        // Another runner's token can neither rotate nor revoke this feed.
        var other = scenario.Api.ClientFor("runner-someone-else");
        await (await other.PostAsync($"/runners/{Runner}/calendar-feed", null)).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await other.DeleteAsync($"/runners/{Runner}/calendar-feed")).ShouldBeProblem(HttpStatusCode.Forbidden);
        await Read(scenario.Api, url);

        // Rotation: a new address, and the old one is dead at once.
        var rotated = await CreateFeed(client);
        rotated.ShouldNotBe(url);
        await ShouldBeGone(scenario.Api, url);
        (await Read(scenario.Api, rotated)).Calendar.Events.Count.ShouldBe(2);

        // The export says there is a feed, but holds neither its address nor the hash it is found by.
        var rotatedSecret = rotated["http://localhost/calendar/".Length..^".ics".Length];
        var export = await Export.Get(client, Runner);
        export.Json["calendarFeed"]!["createdAt"]!.GetValue<string>().ShouldEndWith("+01:00");
        foreach (var (name, content) in export.Files)
            foreach (var needle in new[] { secret, rotatedSecret, CalendarFeedSecret.HashOf(rotatedSecret) })
                content.ShouldNotContain(needle, Case.Sensitive, name);

        // Revoked: gone, and revoking again is no error.
        (await client.DeleteAsync($"/runners/{Runner}/calendar-feed")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await ShouldBeGone(scenario.Api, rotated);
        (await client.DeleteAsync($"/runners/{Runner}/calendar-feed")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await using (var session = scenario.Api.Store.QuerySession())
            (await session.Query<CalendarFeed>().CountAsync()).ShouldBe(0);

        // The addresses were credentials: no log line holds them.
        scenario.Api.Logs.Lines.ShouldNotContain(l => l.Message.Contains(secret) || l.Message.Contains(rotatedSecret));
    }
}
