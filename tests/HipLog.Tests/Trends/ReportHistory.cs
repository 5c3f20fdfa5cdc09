using System.Globalization;
using HipLog.Domain.Pain;
using HipLog.Domain.Watch;
using HipLog.Tests.Support;
using Marten;

namespace HipLog.Tests.Trends;

/// <summary>
/// Five weeks of a runner in Berlin whose front-hip pain rose from 2 to 6 and held in the last week, with routines
/// HipLog sent, one completed by a stretch session, another session, and a night-pain red flag: what the report's chart
/// marks. Everything goes through the Api, except the two deliveries, written as the Worker writes them (no Worker runs).
/// </summary>
public sealed class ReportHistory(string runnerId, DateOnly last)
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public string RunnerId => runnerId;

    public DateOnly First => last.AddDays(-34);

    public DateOnly Last => last;

    public DateOnly FirstRoutineSent => last.AddDays(-11);

    /// <summary>The second routine was sent and completed on the same day, by a session rating pain 5 → 3.</summary>
    public DateOnly SecondRoutineSentAndDone => last.AddDays(-5);

    /// <summary>A session of its own, rating pain 6 → 4.</summary>
    public DateOnly OwnSession => last.AddDays(-2);

    public DateOnly RedFlag => last.AddDays(-1);

    public string Query => $"from={First:yyyy-MM-dd}&to={Last:yyyy-MM-dd}";

    public async Task LogAsync(HttpClient client, IDocumentStore store)
    {
        (await client.PutJson($"/runners/{runnerId}/profile", new { displayName = "Ana", timeZone = "Europe/Berlin" }))
            .EnsureSuccessStatusCode();
        int[] weekly = [2, 3, 4, 6, 6];
        for (var day = First; day <= Last; day = day.AddDays(1))
        {
            var week = (day.DayNumber - First.DayNumber) / 7;
            if (day.DayNumber % 2 == 0)
            {
                await client.Create($"/runners/{runnerId}/runs", Scenarios.Run(Local(day, 7), distanceKm: week < 3 ? 6 : 8));
                await client.Create($"/runners/{runnerId}/pain-reports", Scenarios.Pain(Local(day, 9), weekly[week]));
            }

            if (day.DayNumber % 7 == 0)
                await client.Create($"/runners/{runnerId}/pain-reports", Scenarios.Pain(Local(day, 10), 3, "outer-hip")
                    .With("side", "right"));
        }

        await client.Create($"/runners/{runnerId}/pain-reports", Scenarios.Pain(Local(last.AddDays(-10), 20), 2, "groin")
            .With("side", "both"));
        await client.Create($"/runners/{runnerId}/pain-reports", Scenarios.Pain(Local(last.AddDays(-3), 20), 3, "groin")
            .With("side", "both"));

        await DeliveredRoutineAsync(store, "first", FirstRoutineSent);
        var second = await DeliveredRoutineAsync(store, "second", SecondRoutineSentAndDone);
        await client.Create($"/runners/{runnerId}/stretch-sessions",
            Scenarios.Session(Local(SecondRoutineSentAndDone, 19)).With("recommendationId", second).With("painBefore", 5)
                .With("painAfter", 3));
        await client.Create($"/runners/{runnerId}/stretch-sessions", Scenarios.Session(Local(OwnSession, 19)).With("painBefore", 6)
            .With("painAfter", 4));
        await client.Create($"/runners/{runnerId}/pain-reports",
            Scenarios.Pain(Local(RedFlag, 21, 30), 6).With("timing", "at-night").With("redFlags", new { painAtNight = true }));
    }

    /// <summary>A routine the pain watch raised the evening before <paramref name="day"/> and delivered at 07:30 that day.</summary>
    private async Task<string> DeliveredRoutineAsync(IDocumentStore store, string suffix, DateOnly day)
    {
        var id = $"rec~{runnerId}-{suffix}";
        var detected = DateTimeOffset.Parse(Local(day.AddDays(-1), 18), CultureInfo.InvariantCulture);
        var delivered = DateTimeOffset.Parse(Local(day, 7, 30), CultureInfo.InvariantCulture);
        PrescribedExercise[] exercises = [new("lizard-lower-lunge", "Lizard lower lunge", 8, null, "each", 1, 1,
            "Opens the front of the hip.")];
        await using var session = store.LightweightSession();
        session.Events.StartStream<RecommendationView>(id,
            new PainRiseDetected(id, runnerId, Guid.NewGuid(), PainLocation.FrontHip, BodySide.Left, [PainRules.RisingWeek], [], null,
                null, day.AddDays(-1), detected),
            new RoutineScheduled(id, runnerId, exercises, "A routine.", day, delivered),
            new RoutineSuggested(id, runnerId, delivered));
        await session.SaveChangesAsync();
        return id;
    }

    private static string Local(DateOnly day, int hour, int minute = 0)
    {
        var local = day.ToDateTime(new TimeOnly(hour, minute));
        return new DateTimeOffset(local, Berlin.GetUtcOffset(local)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }
}
