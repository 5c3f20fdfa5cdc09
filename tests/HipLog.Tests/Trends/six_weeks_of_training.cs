using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using HipLog.Domain.Trends;
using HipLog.Tests.Support;
using JasperFx.Events.Daemon;
using Marten;
using Npgsql;

namespace HipLog.Tests.Trends;

/// <summary>
/// Six weeks posted through the Api by a runner in Berlin, from Monday 5 October 2026: four weeks of 10 km in
/// 60 min at effort 5 every day, then two weeks of 12 km in 60 min at effort 8 from Monday to Saturday. Every
/// run is followed by front-hip pain on the left (2/10 for four weeks, then 4, then 5); every Wednesday evening
/// the right outer hip aches at rest (1/10). One stray run is logged and retracted.
/// </summary>
public sealed class SixWeeksFixture : IAsyncLifetime
{
    public const string Runner = "runner-six-weeks";
    private static readonly DateOnly Start = new(2026, 10, 5);
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public HipLogApi Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Api = new HipLogApi(await TestPostgres.CreateDatabaseAsync("sixweeks"),
            now: new DateTimeOffset(2026, 11, 16, 10, 0, 0, TimeSpan.Zero));
        await TestHosts.StartAsync(() => Api.Server);
        var client = Api.ClientFor(Runner);
        (await client.PutJson($"/runners/{Runner}/profile", new { displayName = "Ana", timeZone = "Europe/Berlin" }))
            .EnsureSuccessStatusCode();

        for (var i = 0; i < 42; i++)
        {
            var day = Start.AddDays(i);
            if (i >= 28 && i % 7 == 6)
                continue;
            await client.Create($"/runners/{Runner}/runs",
                Scenarios.Run(Local(day, 7), distanceKm: i < 28 ? 10 : 12, effort: i < 28 ? 5 : 8).With("durationSeconds", 3600));
            await client.Create($"/runners/{Runner}/pain-reports", Scenarios.Pain(Local(day, 9), score: i < 28 ? 2 : i < 35 ? 4 : 5));
            if (i % 7 == 2)
                await client.Create($"/runners/{Runner}/pain-reports",
                    Scenarios.Pain(Local(day, 21), score: 1, location: "outer-hip").With("side", "right").With("timing", "at-rest"));
        }

        var stray = await client.Create($"/runners/{Runner}/runs", Scenarios.Run(Local(Start.AddDays(3), 18), distanceKm: 30));
        (await client.DeleteAsync($"/runners/{Runner}/runs/{stray}")).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await Api.DisposeAsync();

    private static string Local(DateOnly day, int hour)
    {
        var local = day.ToDateTime(new TimeOnly(hour, 0));
        return new DateTimeOffset(local, Berlin.GetUtcOffset(local)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }
}

public sealed class six_weeks_of_training(SixWeeksFixture fixture) : IClassFixture<SixWeeksFixture>
{
    private const string Runner = SixWeeksFixture.Runner;
    private readonly HipLogApi api = fixture.Api;
    private readonly HttpClient client = fixture.Api.ClientFor(SixWeeksFixture.Runner);

    [Fact]
    public async Task the_training_load_matches_the_hand_computed_averages()
    {
        var load = await (await client.GetAsync($"/runners/{Runner}/training-load?from=2026-10-05&to=2026-11-15"))
            .ShouldBeJson(HttpStatusCode.OK);

        var days = load["days"]!.AsArray();
        days.Count.ShouldBe(42);
        Day(days[0]!).ShouldBe(("2026-10-05", 10.0, 3600, 300.0, 75.0, 20.69, null));
        Day(days[27]!).ShouldBe(("2026-11-01", 10.0, 3600, 300.0, 299.9, 259.43, 1.16));
        Day(days[28]!).ShouldBe(("2026-11-02", 12.0, 3600, 480.0, 344.93, 274.65, 1.26));
        Day(days[41]!).ShouldBe(("2026-11-15", 0.0, 0, 0.0, 340.77, 345.72, 0.99));
        load["weeks"]!.AsArray()
            .Select(w => (w!["week"]!.GetValue<string>(), w["distanceKm"]!.GetValue<double>(),
            w["distanceChangePercent"]?.GetValue<double>()))
            .ShouldBe([("2026-W41", 70, null), ("2026-W42", 70, 0), ("2026-W43", 70, 0), ("2026-W44", 70, 0), ("2026-W45", 72, 2.86),
                ("2026-W46", 72, 0)]);
        load["current"]!["asOf"]!.GetValue<string>().ShouldBe("2026-11-15");
        load["current"]!["ratio"]!.GetValue<double>().ShouldBe(0.99);
    }

    [Fact]
    public async Task the_pain_trend_has_the_weekly_buckets_and_rolling_means()
    {
        var trend = await (await client.GetAsync($"/runners/{Runner}/pain-trend?from=2026-10-05&to=2026-11-15&bucket=week"))
            .ShouldBeJson(HttpStatusCode.OK);

        trend["rows"]!.AsArray().Where(r => r!["location"]!.GetValue<string>() == "front-hip")
            .Select(r => (r!["period"]!.GetValue<string>(), r["count"]!.GetValue<int>(), r["mean"]!.GetValue<double>(),
                r["max"]!.GetValue<int>()))
            .ShouldBe([("2026-W41", 7, 2, 2), ("2026-W42", 7, 2, 2), ("2026-W43", 7, 2, 2), ("2026-W44", 7, 2, 2), ("2026-W45", 6, 4, 4),
                ("2026-W46", 6, 5, 5)]);
        trend["rows"]!.AsArray().Where(r => r!["location"]!.GetValue<string>() == "outer-hip")
            .ShouldAllBe(r => r!["side"]!.GetValue<string>() == "right" && r["mean"]!.GetValue<double>() == 1);
        // Last 7 days: six reports of 5 and one of 1 → 31/7. The 28 days before: 21 of 2, 6 of 4 and four of 1 → 70/31.
        trend["current"]!.ToJsonString().ShouldBe("""{"asOf":"2026-11-15","mean7":4.43,"meanPrev28":2.26}""");
        trend["latestReport"]!["score"]!.GetValue<int>().ShouldBe(5);

        // Wednesday 11 November: 5 and 1 that day; the 7 days to it hold 4, 4, 4, 5, 5, 5 and 1 (28/7);
        // the 28 before hold twenty-five 2s, four 1s and three 4s (66/32).
        var daily = await (await client.GetAsync($"/runners/{Runner}/pain-trend?from=2026-11-11&to=2026-11-11"))
            .ShouldBeJson(HttpStatusCode.OK);
        daily["overall"]!.AsArray().Single()!.ToJsonString()
            .ShouldBe("""{"period":"2026-11-11","start":"2026-11-11","count":2,"mean":3,"max":5,"mean7":4,"meanPrev28":2.06}""");
    }

    [Fact]
    public async Task the_csv_parses_back_to_the_json_figures()
    {
        foreach (var bucket in new[] { "day", "week" })
        {
            var json = await (await client.GetAsync($"/runners/{Runner}/pain-trend?from=2026-10-05&to=2026-11-15&bucket={bucket}"))
                .ShouldBeJson(HttpStatusCode.OK);
            var request = new HttpRequestMessage(HttpMethod.Get,
                $"/runners/{Runner}/pain-trend?from=2026-10-05&to=2026-11-15&bucket={bucket}");
            request.Headers.Accept.ParseAdd("text/csv");
            var response = await client.SendAsync(request);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
            var lines = (await response.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');

            lines[0].ShouldBe("period,start,location,side,count,mean,max,mean7,meanPrev28");
            var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
            var expected = json["rows"]!.AsArray().Select(r => new[]
                {
                    r!["period"]!.GetValue<string>(), r["start"]!.GetValue<string>(), r["location"]!.GetValue<string>(),
                        r["side"]!.GetValue<string>(),
                    r["count"]!.ToJsonString(), r["mean"]!.ToJsonString(), r["max"]!.ToJsonString(), "", "",
                })
                .Concat(json["overall"]!.AsArray().Select(o => new[]
                {
                    o!["period"]!.GetValue<string>(), o["start"]!.GetValue<string>(), "all", "all", o["count"]!.ToJsonString(),
                    o["mean"]!.ToJsonString(), o["max"]!.ToJsonString(), o["mean7"]?.ToJsonString() ?? "", o["meanPrev28"]?.ToJsonString()
                        ?? "",
                }));
            rows.Select(r => string.Join('|', r)).ShouldBe(expected.Select(r => string.Join('|', r)));
            rows.Count.ShouldBeGreaterThan(10);
        }
    }

    [Fact]
    public async Task a_rebuild_from_the_events_gives_byte_identical_documents()
    {
        var projections = ((DocumentStore)api.Store).Options.Projections.All.Select(p => p.Name).Where(p => p != "RecommendationView")
            .ToArray();
        projections.Order(StringComparer.Ordinal)
            .ShouldBe(["ClinicianProfile", "PainReportView", "RecentPain", "RunView", "RunnerProfile", "ShareAccess", "ShareView",
                "StretchEffectiveness", "StretchSessionView", "TrainingLoad"]);
        var tables = new[] { "RunnerProfile", "RunView", "PainReportView", "StretchSessionView", "TrainingLoad", "TrainingWeek",
            "StretchEffectiveness", "RecentPain", "PainFacts" }
            .Select(p => $"mt_doc_{p.ToLowerInvariant()}").ToArray();
        await client.Create($"/runners/{Runner}/stretch-sessions",
            Scenarios.Session("2026-11-15T19:00:00+01:00", "garland-pose", "lizard-lower-lunge"));
        var before = await Documents(tables);
        var stamped = await LastModified();

        using var daemon = await api.Store.BuildProjectionDaemonAsync();
        foreach (var projection in projections)
            await daemon.RebuildProjectionAsync(projection, TimeSpan.FromMinutes(1), CancellationToken.None);

        var after = await Documents(tables);
        after.Keys.Order().ShouldBe(before.Keys.Order());
        before.Where(d => after[d.Key] != d.Value).Select(d => $"{d.Key}\n{d.Value}\n{after[d.Key]}").ShouldBeEmpty();
        foreach (var table in tables)
            before.Keys.ShouldContain(k => k.StartsWith(table + ":"), table);
        (await LastModified()).ShouldBeGreaterThan(stamped, "the documents were written again, not left alone");
    }

    private async Task<DateTime> LastModified()
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select min(mt_last_modified) from hiplog.mt_doc_trainingweek", connection);
        return (DateTime)(await command.ExecuteScalarAsync())!;
    }

    private async Task<Dictionary<string, string>> Documents(string[] tables)
    {
        var documents = new Dictionary<string, string>();
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        foreach (var table in tables)
        {
            await using var command = new NpgsqlCommand($"select id::text, data::text from hiplog.{table}", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                documents[$"{table}:{reader.GetString(0)}"] = reader.GetString(1);
        }

        return documents;
    }

    private static (string, double, int, double, double, double, double?) Day(JsonNode d) =>
        (d["day"]!.GetValue<string>(), d["distanceKm"]!.GetValue<double>(), d["movingSeconds"]!.GetValue<int>(),
            d["load"]!.GetValue<double>(),
            d["acute"]!.GetValue<double>(), d["chronic"]!.GetValue<double>(), d["ratio"]?.GetValue<double>());
}
