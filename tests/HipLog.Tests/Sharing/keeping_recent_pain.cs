using System.Text.RegularExpressions;
using System.Text.Json;
using HipLog.Domain.Pain;
using HipLog.Domain.Profiles;
using HipLog.Domain.Sharing;
using HipLog.Domain.Time;
using HipLog.Domain.Watch;

namespace HipLog.Tests.Sharing;

/// <summary>
/// The per-runner document the traffic light reads, applied event by event with no host and no database: it keeps only the
/// weeks the light needs, and its light is always the light of every report the runner has standing.
/// </summary>
public sealed class keeping_recent_pain
{
    private const string Runner = "runner-recent";
    private static readonly DateTimeOffset Start = new(2025, 11, 1, 18, 0, 0, TimeSpan.Zero);
    private static RecentPain Apply(RecentPain? current, params object[] events) =>
        events.Aggregate(current ?? RecentPain.Empty(Runner), RecentPain.After);

    private static PainReported Reported(Guid id, DateTimeOffset at, int score, PainTiming timing = PainTiming.AfterRun,
        PainLocation place = PainLocation.FrontHip, bool redFlag = false) =>
        new(Runner, id, Details(at, score, timing, place, redFlag));

    private static PainDetails Details(DateTimeOffset at, int score, PainTiming timing = PainTiming.AfterRun,
        PainLocation place = PainLocation.FrontHip, bool redFlag = false) =>
        new(score, place, BodySide.Left, timing, PainCharacter.Ache, null,
            redFlag ? RedFlags.None with { PainAtNight = true } : RedFlags.None, null, at);

    private static Light LightOf(RecentPain doc, DateTimeOffset now) =>
        PainLight.Of(doc.Facts(), 0, LocalCalendar.LocalDay(now, LocalCalendar.ZoneOrUtc(doc.TimeZone)), PainWatchOptions.Default).Light;

    [Fact]
    public void a_year_of_reports_keeps_a_few_weeks_and_the_same_light_as_every_report_on_every_day()
    {
        var random = new Random(7);
        var zone = LocalCalendar.ZoneOrUtc("Pacific/Auckland");
        var doc = Apply(null, new RunnerRegistered(Runner, "R", "Pacific/Auckland", new TimeOnly(7, 30), null, null, Start));
        var standing = new Dictionary<Guid, PainDetails>();
        var seen = new HashSet<Light>();
        PainTiming[] timings = [PainTiming.AfterRun, PainTiming.NextMorning, PainTiming.DuringRun];
        for (var day = 0; day < 365; day++)
        {
            var at = Start.AddDays(day).AddHours(random.Next(-6, 6));
            for (var n = random.Next(1, 3); n > 0; n--)
            {
                var id = Guid.CreateVersion7(at);
                var score = random.Next(10) < 8 ? random.Next(0, 4) : random.Next(4, 9);
                var report = Details(at.AddHours(n * 9), score, timings[random.Next(timings.Length)],
                    (PainLocation)random.Next(0, 3), random.Next(30) == 0);
                doc = Apply(doc, new PainReported(Runner, id, report));
                standing[id] = report;
            }

            if (random.Next(6) == 0 && standing.Count > 1)
            {
                var older = standing.Keys.ElementAt(random.Next(standing.Count));
                doc = Apply(doc, new PainReportRetracted(Runner, older, at));
                standing.Remove(older);
            }

            if (day % 3 != 0)
                continue;
            foreach (var now in new[] { at, at.AddDays(1), at.AddDays(9) })
            {
                var all = standing.Select(r => new LightReport(LocalCalendar.LocalDay(r.Value.ReportedAt, zone), r.Value.ReportedAt,
                    r.Value.Score, r.Value.Location, r.Value.Timing, r.Value.RedFlags.Any)).ToList();
                var today = LocalCalendar.LocalDay(now, zone);
                var expected = PainLight.Of(all, 0, today, PainWatchOptions.Default);
                var kept = PainLight.Of(doc.Facts(), 0, today, PainWatchOptions.Default);
                seen.Add(kept.Light);
                Read(doc.Facts(), today).ShouldBe(Read(PainFacts.Of(Runner, all), today), $"{today}");
                (kept.Light, string.Join(" ", kept.Reasons)).ShouldBe((expected.Light, string.Join(" ", expected.Reasons)), $"{today}");
            }
        }

        seen.Count.ShouldBe(4, "every light came up along the year");
        doc.Reports.Count.ShouldBeLessThanOrEqualTo(2 * ((int)RecentPain.KeptFor.TotalDays + 1));
        doc.Facts().LatestAt.ShouldBe(standing.Values.Max(r => r.ReportedAt));
    }

    /// <summary>Everything the light may read of the facts on a day, in words.</summary>
    private static string Read(PainFacts facts, DateOnly today)
    {
        var first = today.AddDays(1 - PainLight.DaysRead);
        return string.Join(" ", facts.HighestBetween(first, today).Select(d => $"{d.Day}:{d.Score}")
            .Concat(facts.Places.Select(p =>
                $"{p.Location}:{facts.Between(p, first, today.AddDays(-7))}/{facts.Between(p, today.AddDays(-6), today)}"))
            .Concat(facts.Unsettled.Concat(facts.RedFlags).Where(d => d >= first && d <= today).Select(d => $"{d}")));
    }

    [Fact]
    public void a_flood_of_reports_keeps_the_newest_few_hundred()
    {
        var doc = RecentPain.Empty(Runner);
        for (var i = 0; i < RecentPain.MostKept + 50; i++)
            doc = Apply(doc, Reported(Guid.CreateVersion7(), Start.AddMinutes(i), 2));

        (doc.Reports.Count, doc.Reports[0].At).ShouldBe((RecentPain.MostKept, Start.AddMinutes(50)));
    }

    [Fact]
    public void a_correction_replaces_the_report_and_a_retraction_takes_it_out()
    {
        var id = Guid.CreateVersion7();
        var doc = Apply(null, Reported(id, Start, 7));
        LightOf(doc, Start).ShouldBe(Light.Red);

        doc = Apply(doc, new PainReportCorrected(Runner, id, Details(Start, 2), Start));
        (LightOf(doc, Start), doc.Reports.Count).ShouldBe((Light.Green, 1));

        doc = Apply(doc, new PainReportRetracted(Runner, id, Start));
        (LightOf(doc, Start), doc.Reports.Count, doc.Facts().LatestAt).ShouldBe((Light.Grey, 0, null));
    }

    [Fact]
    public void a_new_zone_puts_the_reports_on_its_own_days()
    {
        // 23:30 UTC on the 1st is the 2nd in Berlin: the 6 is past the 3 days on the 4th in UTC, not in Berlin.
        var late = new DateTimeOffset(2026, 3, 1, 23, 30, 0, TimeSpan.Zero);
        var doc = Apply(null, Reported(Guid.CreateVersion7(), late, 6));
        var fourth = new DateTimeOffset(2026, 3, 4, 12, 0, 0, TimeSpan.Zero);
        LightOf(doc, fourth).ShouldBe(Light.Green);

        doc = Apply(doc, new RunnerProfileUpdated(Runner, "R", "Europe/Berlin", new TimeOnly(7, 30), null, null, late));

        (doc.Facts().LastDay, LightOf(doc, fourth)).ShouldBe((new DateOnly(2026, 3, 2), Light.Red));
    }

    [Fact]
    public void the_facts_keep_their_day_figures_as_short_strings_and_read_them_back()
    {
        var doc = Apply(null, Reported(Guid.CreateVersion7(), Start, 7), Reported(Guid.CreateVersion7(), Start.AddDays(-2), 3));
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);

        var json = JsonSerializer.Serialize(doc.Facts(), options);
        var read = JsonSerializer.Deserialize<PainFacts>(json, options)!;

        json.ShouldContain("\"highest\":\"7,,3,,,");
        read.Highest.ShouldBe(doc.Facts().Highest);
        read.Places.Single().Counts.ShouldBe(doc.Facts().Places.Single().Counts);
        read.Places.Single().Totals.ShouldBe(doc.Facts().Places.Single().Totals);
        JsonSerializer.Deserialize<PainFacts>(JsonSerializer.Serialize(PainFacts.None(Runner), options), options)!.Highest.ShouldBeEmpty();
        foreach (var hostile in new[] { "\"7,x\"", "\"-3\"", "[7,1]", "\"99999999999\"", "\"7\\u002C1\"" })
            Should.Throw<JsonException>(() => JsonSerializer.Deserialize<PainFacts>(
                Regex.Replace(json, "\"highest\":\"[^\"]*\"", $"\"highest\":{hostile}"), options), hostile);
    }

    [Fact]
    public void a_kept_report_is_one_short_string_read_back_to_the_same_instant()
    {
        var report = new RecentReport(Guid.CreateVersion7(), new DateTimeOffset(2026, 11, 25, 19, 0, 0, 123, TimeSpan.FromHours(1)), 7,
            PainLocation.OuterHip, PainTiming.NextMorning, true);

        var json = JsonSerializer.Serialize(report);
        var read = JsonSerializer.Deserialize<RecentReport>(json)!;

        json.ShouldStartWith($"\"{report.Id:N}|");
        (read.Id, read.At.UtcTicks, read.Score, read.Location, read.Timing, read.RedFlag)
            .ShouldBe((report.Id, report.At.UtcTicks, 7, PainLocation.OuterHip, PainTiming.NextMorning, true));
        foreach (var hostile in new[] { "\"x|1|2|FrontHip|AfterRun|0\"", $"\"{report.Id:N}|-1|2|FrontHip|AfterRun|0\"",
                     $"\"{report.Id:N}|1|2|Nowhere|AfterRun|0\"", $"\"{report.Id:N}|1|2|FrontHip|AfterRun\"", "{}" })
            Should.Throw<JsonException>(() => JsonSerializer.Deserialize<RecentReport>(hostile), hostile);
    }
}
