using System.Globalization;
using System.Net;
using HipLog.Domain.Pain;
using HipLog.Domain.Time;
using HipLog.Domain.Watch;
using HipLog.Tests.Support;
using Marten;

namespace HipLog.Tests.Clinician;

/// <summary>
/// Six weeks of a Berlin runner's log for the clinician summary: runs, rising front-hip pain, red-flag answers, a
/// hostile note, stretch sessions, and recommendations the runner acknowledged, completed, dismissed or never saw.
/// Entries go through the Api; recommendations are written as the Worker writes them (no Worker runs).
/// </summary>
public sealed class ClinicianHistory(HttpClient client, IDocumentStore store, string runner, DateOnly today)
{
    public const string HostileNote = "<script>alert('hip')</script> sore & stiff";
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    /// <summary>The local days of the reports with a red-flag answer.</summary>
    public List<DateOnly> RedFlagDays { get; } = [];

    public DateOnly Day(int daysAgo) => today.AddDays(-daysAgo);

    public static string At(DateOnly day, int hour) =>
        LocalCalendar.At(day, new TimeOnly(hour, 0), Berlin).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <param name="busy">Also a report at every place and timing, many red flags and recommendations, and long notes.</param>
    public async Task SeedAsync(string displayName, bool busy = false)
    {
        (await client.PutJson($"/runners/{runner}/profile", new { displayName, timeZone = "Europe/Berlin" })).EnsureSuccessStatusCode();
        for (var ago = 41; ago >= 1; ago--)
        {
            var day = Day(ago);
            if (ago % 2 == 1)
                await client.Create($"/runners/{runner}/runs", Scenarios.Run(At(day, 7), distanceKm: ago > 14 ? 8 : 12));
            // Front-hip pain after running rises from 2 to 6 over the six weeks.
            await client.Create($"/runners/{runner}/pain-reports", Scenarios.Pain(At(day, 9), score: 2 + (41 - ago) / 10)
                .With("notes", ago == 3 ? HostileNote : busy ? $"Day {ago}: " + new string('n', 400) : null));
        }

        await RedFlag(20, new { painAtNight = true });
        await RedFlag(5, new { painAtRest = true, cannotBearWeight = true });
        await client.Create($"/runners/{runner}/stretch-sessions",
            Scenarios.Session(At(Day(30), 19), "lizard-lower-lunge", "garland-pose"));
        await client.Create($"/runners/{runner}/stretch-sessions", Scenarios.Session(At(Day(25), 19), "lizard-lower-lunge")
            .With("painAfter", 5).With("painBefore", 5));

        var acknowledged = await Recommendation(12, RecommendationKind.Routine, [PainRules.RisingWeek]);
        (await client.PostAsync($"/runners/{runner}/recommendations/{acknowledged}/acknowledge", null))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var dismissed = await Recommendation(9, RecommendationKind.Routine, [PainRules.Flare, PainRules.Streak]);
        (await client.PostAsync($"/runners/{runner}/recommendations/{dismissed}/dismiss", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var completed = await Recommendation(7, RecommendationKind.Routine, [PainRules.Flare]);
        await client.Create($"/runners/{runner}/stretch-sessions", Scenarios.Session(At(Day(6), 19), "hip-flexor-roll-out")
            .With("recommendationId", completed));
        await Recommendation(5, RecommendationKind.ClinicianReferral, ["red-flag:pain-at-rest", "red-flag:cannot-bear-weight"]);

        if (!busy)
            return;
        foreach (var (location, l) in Enum.GetValues<PainLocation>().Select((x, i) => (x, i)))
            foreach (var (timing, t) in Enum.GetValues<PainTiming>().Select((x, i) => (x, i)))
                for (var i = 0; i < 2; i++)
                    await client.Create($"/runners/{runner}/pain-reports", Scenarios.Pain(At(Day(40 - l * 4 - i), 10 + t), score: 3 + i)
                        .With("location", Kebab(location)).With("timing", Kebab(timing)).With("side", i == 0 ? "left" : "right"));
        for (var ago = 40; ago > 20; ago--)
            await RedFlag(ago, new { painWhenHopping = true, painAtNight = true });
        for (var ago = 40; ago > 14; ago--)
            await Recommendation(ago, RecommendationKind.Routine,
                [PainRules.Flare, PainRules.RisingWeek, PainRules.Streak, PainRules.NotSettling], [PainRules.EaseMileage]);
        for (var ago = 32; ago >= 1; ago--)
            await client.Create($"/runners/{runner}/stretch-sessions",
                Scenarios.Session(At(Day(ago), 20), ago % 2 == 0 ? ["garland-pose", "half-lord-of-the-fishes", "single-leg-knee-lift"]
                    : ["lizard-lower-lunge", "hip-flexor-support-taping"]));
    }

    private async Task RedFlag(int daysAgo, object flags)
    {
        await client.Create($"/runners/{runner}/pain-reports", Scenarios.Pain(At(Day(daysAgo), 22), score: 6, location: "groin")
            .With("side", "right")
            .With("timing", "at-night").With("redFlags", flags));
        RedFlagDays.Add(Day(daysAgo));
    }

    /// <summary>A recommendation detected that evening and delivered at once, as the Worker writes it.</summary>
    private async Task<string> Recommendation(int daysAgo, RecommendationKind kind, string[] reasons, string[]? advisories = null)
    {
        var id = RecommendationIds.For(Guid.NewGuid());
        var at = LocalCalendar.At(Day(daysAgo), new TimeOnly(21, 0), Berlin);
        await using var session = store.LightweightSession();
        var detected = new PainRiseDetected(id, runner, Guid.NewGuid(), PainLocation.FrontHip, BodySide.Left, reasons, advisories ?? [],
            12.5, 1.62, Day(daysAgo), at);
        session.Events.StartStream<RecommendationView>(id, kind == RecommendationKind.ClinicianReferral
            ? [detected, new ClinicianReferralAdvised(id, runner, "See a clinician.", at)]
            : [detected, new RoutineScheduled(id, runner, [], "A routine.", Day(daysAgo), at), new RoutineSuggested(id, runner, at)]);
        await session.SaveChangesAsync();
        return id;
    }

    private static string Kebab<T>(T value) where T : struct, Enum => HipLog.Domain.Wire.Kebab.Of(value);
}
