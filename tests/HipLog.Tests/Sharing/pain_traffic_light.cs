using HipLog.Domain.Pain;
using HipLog.Domain.Sharing;
using HipLog.Domain.Watch;

namespace HipLog.Tests.Sharing;

/// <summary>The pain traffic light's rules, one table row each, over the runner's local days: no host, no database.</summary>
public sealed class pain_traffic_light
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    private static LightReport Report(int daysAgo, int score, PainTiming timing = PainTiming.AfterRun, bool redFlag = false,
        PainLocation place = PainLocation.FrontHip, int hour = 18) =>
        new(Today.AddDays(-daysAgo), new DateTimeOffset(Today.AddDays(-daysAgo).ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero), score,
            place, timing, redFlag);

    private static Light LightOf(int openAdvisories = 0, params LightReport[] reports) =>
        PainLight.Of(reports, openAdvisories, Today, PainWatchOptions.Default).Light;

    public static TheoryData<string, LightReport[], int, Light> Table => new()
    {
        { "a 6 today", [Report(0, 6)], 0, Light.Red },
        { "a 6 two days ago", [Report(2, 6)], 0, Light.Red },
        { "a 6 three days ago is past the 3 days", [Report(3, 6)], 0, Light.Green },
        { "a morning above the run the day before", [Report(2, 2), Report(1, 3, PainTiming.NextMorning, hour: 7)], 0, Light.Red },
        { "a morning no higher than the run", [Report(2, 3), Report(1, 3, PainTiming.NextMorning, hour: 7)], 0, Light.Amber },
        { "a red flag 13 days ago still stands", [Report(13, 1, redFlag: true), Report(1, 1)], 0, Light.Red },
        { "a red flag 14 days ago has lapsed", [Report(14, 1, redFlag: true), Report(1, 1)], 0, Light.Green },
        { "an open advisory, whatever the scores", [Report(1, 1)], 1, Light.Red },
        { "a 3 yesterday", [Report(1, 3)], 0, Light.Amber },
        { "a 5 yesterday", [Report(1, 5)], 0, Light.Amber },
        { "a 2 yesterday", [Report(1, 2)], 0, Light.Green },
        {
            "a week 2 points above the 4 before",
            [Report(20, 0), Report(15, 0), Report(6, 2), Report(5, 2), Report(4, 2)], 0, Light.Amber
        },
        { "a week of 2s after 1s is not 2 points up", [Report(20, 1), Report(6, 2), Report(5, 2), Report(4, 2)], 0, Light.Green },
        { "a report 6 days ago", [Report(6, 1)], 0, Light.Green },
        { "nothing for 7 days", [Report(7, 1), Report(30, 6)], 0, Light.Grey },
        { "no reports at all", [], 0, Light.Grey },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void the_light_follows_the_pain_monitoring_model(string why, LightReport[] reports, int openAdvisories, Light light)
    {
        LightOf(openAdvisories, reports).ShouldBe(light, why);
    }

    [Fact]
    public void red_names_every_reason_in_plain_words()
    {
        var verdict = PainLight.Of([Report(0, 7, redFlag: true)], 1, Today, PainWatchOptions.Default);

        verdict.Reasons.ShouldBe([
            "Pain of 7/10 on 2026-11-26, above 5.", "A red-flag answer on 2026-11-26.", "An open advice to see a clinician.",
        ]);
    }

    [Fact]
    public void the_thresholds_are_the_watchs_options()
    {
        var stricter = PainWatchOptions.Default with { FlareScore = 4 };

        PainLight.Of([Report(1, 4)], 0, Today, stricter).Light.ShouldBe(Light.Red);
    }
}
