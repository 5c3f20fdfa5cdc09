using System.Net;
using System.Text.Json;
using HipLog.Api.Trends;
using HipLog.Domain.Pain;
using HipLog.Domain.Profiles;
using HipLog.Domain.Runs;
using HipLog.Domain.Time;
using HipLog.Domain.Trends;
using HipLog.Domain.Wire;
using HipLog.Tests.Support;
using JasperFx.Events.Daemon;
using Marten;
using Npgsql;

namespace HipLog.Tests.Trends;

/// <summary>
/// Two years of a runner's log appended the way the Api appends it, a few dozen events per transaction, with runs
/// corrected and retracted long after they were logged and a move from Berlin to New York in the middle. Whatever
/// window is asked for, the figures must be those of the whole history, computed from scratch.
/// </summary>
public sealed class TwoYearsFixture : IAsyncLifetime
{
    public const string Runner = "runner-two-years";
    public static readonly DateOnly FirstDay = new(2024, 11, 1);
    public static readonly DateOnly LastDay = new(2026, 11, 25);

    public HipLogApi Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Api = new HipLogApi(await TestPostgres.CreateDatabaseAsync("twoyears"),
            now: new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
        await TestHosts.StartAsync(() => Api.Server);
        var rng = new Random(20261126);
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var moved = new DateOnly(2025, 11, 10);
        var pending = new List<object> { new RunnerRegistered(Runner, "Two", "Europe/Berlin", new TimeOnly(7, 30), null, null,
            DateTimeOffset.UnixEpoch) };
        var runs = new List<(Guid Id, RunDetails Run)>();

        for (var day = FirstDay; day <= LastDay; day = day.AddDays(1))
        {
            if (day == moved)
                pending.Add(new RunnerProfileUpdated(Runner, "Two", "America/New_York", new TimeOnly(7, 30), null, null,
                    DateTimeOffset.UnixEpoch));
            if (rng.NextDouble() < 0.8)
            {
                // Late evening runs, so that the move shifts some of them to another local day and week.
                var at = LocalCalendar.At(day, new TimeOnly(rng.Next(5, 24), rng.Next(60)), berlin);
                var run = new RunDetails(Math.Round(3 + rng.NextDouble() * 20, 2), 1200 + rng.Next(6000), rng.Next(1, 11), Surface.Road,
                    null, null, null, at);
                var id = Guid.NewGuid();
                runs.Add((id, run));
                pending.Add(new RunLogged(Runner, id, run));
                pending.Add(new PainReported(Runner, Guid.NewGuid(),
                    new PainDetails(rng.Next(0, 11), rng.NextDouble() < 0.7 ? PainLocation.FrontHip : PainLocation.Groin,
                    BodySide.Left, PainTiming.AfterRun, PainCharacter.Ache, id, RedFlags.None, null, at.AddHours(2))));
            }

            if (runs.Count > 40 && rng.NextDouble() < 0.08)
            {
                // An old run corrected (moved by up to two days) or retracted, weeks or months after it was logged.
                var (id, run) = runs[rng.Next(runs.Count - 30)];
                pending.Add(rng.NextDouble() < 0.5
                    ? new RunCorrected(Runner, id, run with { DistanceKm = run.DistanceKm + 1,
                        StartedAt = run.StartedAt.AddHours(rng.Next(-40, 40)) }, DateTimeOffset.UnixEpoch)
                    : new RunRetracted(Runner, id, DateTimeOffset.UnixEpoch));
            }

            if (pending.Count >= 25 || day == LastDay)
            {
                await using var session = Api.Store.LightweightSession();
                session.Events.Append(Runner, pending.ToArray());
                await session.SaveChangesAsync();
                pending.Clear();
            }
        }
    }

    public async Task DisposeAsync() => await Api.DisposeAsync();
}

public sealed class two_years_of_history(TwoYearsFixture fixture) : IClassFixture<TwoYearsFixture>
{
    private const string Runner = TwoYearsFixture.Runner;
    private readonly HipLogApi api = fixture.Api;
    private readonly HttpClient client = fixture.Api.ClientFor(TwoYearsFixture.Runner);

    public static TheoryData<string, string> Windows => new()
    {
        { "2024-11-01", "2024-12-31" }, { "2025-01-20", "2025-04-19" }, { "2025-10-20", "2025-12-31" },
        { "2026-08-28", "2026-11-25" }, { "2026-11-20", "2027-01-10" }, { "2023-06-01", "2024-11-15" },
    };

    [Theory, MemberData(nameof(Windows))]
    public async Task any_window_of_the_training_load_has_the_figures_of_the_whole_history(string from, string to)
    {
        var expected = await ExpectedLoadAsync(DateOnly.Parse(from), DateOnly.Parse(to));

        var actual = await (await client.GetAsync($"/runners/{Runner}/training-load?from={from}&to={to}")).ShouldBeJson(HttpStatusCode.OK);

        actual.ToJsonString().ShouldBe(JsonSerializer.Serialize(expected, Json));
    }

    [Theory, MemberData(nameof(Windows))]
    public async Task any_window_of_the_pain_trend_has_the_figures_of_the_whole_history(string from, string to)
    {
        var (all, zone) = await StandingAsync<PainReportView>();
        var reports = all.Select(v => PainEntry.From(v, zone)).ToList();
        var range = new DayRange(DateOnly.Parse(from), DateOnly.Parse(to));
        var whole = PainTrendCalculator.Compute(reports);
        var window = new PainWindow(Runner, "America/New_York", reports, whole.Latest);

        foreach (var bucket in new[] { "day", "week" })
        {
            var expected = PainTrendQuery.Build(window, range, bucket, Today);
            var actual = await (await client.GetAsync($"/runners/{Runner}/pain-trend?from={from}&to={to}&bucket={bucket}"))
                .ShouldBeJson(HttpStatusCode.OK);
            actual.ToJsonString().ShouldBe(JsonSerializer.Serialize(expected, Json));
        }
    }

    [Fact]
    public async Task a_ninety_day_read_loads_only_the_days_it_needs()
    {
        var range = new DayRange(new DateOnly(2026, 8, 28), new DateOnly(2026, 11, 25));
        await using var session = api.Store.QuerySession();

        var pain = await PainTrendQuery.LoadAsync(session, Runner, range, CancellationToken.None);
        var load = await TrainingLoadQuery.LoadAsync(session, Runner, range, CancellationToken.None);

        var (all, _) = await StandingAsync<PainReportView>();
        all.Count.ShouldBeGreaterThan(500);
        pain.Reports.Count.ShouldBeLessThan(all.Count / 4);
        pain.Reports.Min(r => r.Day).ShouldBeGreaterThanOrEqualTo(range.From.AddDays(-35));
        pain.Reports.Max(r => r.Day).ShouldBeLessThanOrEqualTo(IsoWeeks.Monday(range.To).AddDays(7));
        // 90 days span 14 weeks; one more for the week before, and the unit the averages continue from.
        load.Weeks.Count.ShouldBeLessThanOrEqualTo(15);
        load.Before.ShouldNotBeNull().Monday.ShouldBeLessThan(load.Weeks[0].Monday);
        load.Weeks[0].Monday.ShouldBeGreaterThanOrEqualTo(IsoWeeks.Monday(range.From).AddDays(-7));
    }

    [Fact]
    public async Task a_new_report_or_run_writes_only_its_own_rows_and_a_correction_only_the_weeks_since()
    {
        var since = await ClockAsync();
        await client.Create($"/runners/{Runner}/pain-reports", Scenarios.Pain("2026-11-26T07:00:00-05:00", score: 3));
        // Its own row, and the traffic light's two documents of the runner, whose size is bounded (38 days, 500 reports at most).
        (await WrittenSinceAsync(since)).ShouldBe(["painfacts:1", "painreportview:1", "recentpain:1"]);

        since = await ClockAsync();
        var run = await client.Create($"/runners/{Runner}/runs", Scenarios.Run("2026-11-26T06:30:00-05:00", distanceKm: 7));
        (await WrittenSinceAsync(since)).ShouldBe(["runview:1", "trainingload:1", "trainingweek:1"]);

        // The run moves back three weeks: its old week, its new week and the two in between take new averages.
        since = await ClockAsync();
        (await client.PutJson($"/runners/{Runner}/runs/{run}", Scenarios.Run("2026-11-05T06:30:00-05:00", distanceKm: 7)))
            .EnsureSuccessStatusCode();
        (await WrittenSinceAsync(since)).ShouldBe(["runview:1", "trainingload:1", "trainingweek:4"]);
    }

    [Fact]
    public async Task a_rebuild_gives_the_same_week_units_byte_for_byte()
    {
        var before = await UnitsAsync();

        using var daemon = await api.Store.BuildProjectionDaemonAsync();
        await daemon.RebuildProjectionAsync(TrainingLoadProjection.Name, TimeSpan.FromMinutes(2), CancellationToken.None);

        var after = await UnitsAsync();
        after.Count.ShouldBe(before.Count);
        before.Where(u => after.GetValueOrDefault(u.Key) != u.Value).Select(u => u.Key).ShouldBeEmpty();
    }

    private static readonly DateOnly Today = new(2026, 11, 26);
    private static readonly JsonSerializerOptions Json = HipLogJson.Create();

    /// <summary>What the endpoint answered before the week units, computed here from every standing run.</summary>
    private async Task<TrainingLoadResponse> ExpectedLoadAsync(DateOnly from, DateOnly to)
    {
        var (all, zone) = await StandingAsync<RunView>();
        var runs = all.Select(v => RunEntry.From(v.Id, v.Run, zone)).ToList();
        var range = new DayRange(from, to);
        var asOf = to < Today ? to : Today;
        var whole = TrainingLoadCalculator.Compute(runs);
        var figures = whole.Days[^1].Day < asOf ? TrainingLoadCalculator.Compute(runs, asOf) : whole;
        var latest = figures.Days.LastOrDefault(d => d.Day <= asOf);
        var week = figures.Weeks.LastOrDefault(w => w.Start <= asOf);
        return new TrainingLoadResponse(Runner, "America/New_York", from, to, figures.Days.Where(d => range.Contains(d.Day)).ToList(),
            figures.Weeks.Where(w => range.Overlaps(w.Start)).ToList(),
            latest is null ? null : new TrainingLoadCurrent(asOf, latest.Acute, latest.Chronic, latest.Ratio, week?.DistanceKm ?? 0,
                week?.DistanceChangePercent));
    }

    private async Task<(IReadOnlyList<T> All, TimeZoneInfo Zone)> StandingAsync<T>() where T : HipLog.Domain.Storage.ILogEntryView
    {
        await using var session = api.Store.QuerySession();
        var profile = await session.LoadAsync<RunnerProfile>(Runner);
        return (await session.Query<T>().Where(v => v.RunnerId == Runner).ToListAsync(),
            TimeZoneInfo.FindSystemTimeZoneById(profile!.TimeZone));
    }

    private async Task<DateTime> ClockAsync()
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var now = new NpgsqlCommand("select clock_timestamp()", connection);
        return (DateTime)(await now.ExecuteScalarAsync())!;
    }

    /// <summary>Per document table, how many rows were written after <paramref name="since"/>: "table:count".</summary>
    private async Task<string[]> WrittenSinceAsync(DateTime since)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("select table_name from information_schema.tables where table_schema = 'hiplog' and " +
            "table_name like 'mt_doc_%'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                tables.Add(reader.GetString(0));

        var written = new List<string>();
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"select count(*) from hiplog.{table} where mt_last_modified > @since",
                connection) { Parameters = { new("since", since) } };
            if ((long)(await count.ExecuteScalarAsync())! is var n and > 0)
                written.Add($"{table["mt_doc_".Length..]}:{n}");
        }

        return [.. written.Order(StringComparer.Ordinal)];
    }

    private async Task<Dictionary<string, string>> UnitsAsync()
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select id, data::text from hiplog.mt_doc_trainingweek union all select id, " +
            "data::text from hiplog.mt_doc_trainingload", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var units = new Dictionary<string, string>();
        while (await reader.ReadAsync())
            units[reader.GetString(0)] = reader.GetString(1);
        return units;
    }
}
