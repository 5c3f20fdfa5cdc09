using System.Net;
using HipLog.Api.Sharing;
using HipLog.Domain.Sharing;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;
using HipLog.Worker.Storage;
using Npgsql;

namespace HipLog.Tests.Storage;

/// <summary>
/// Databases as earlier rounds left them. Round 1: the same events, the whole-history training-load documents, the pain-trend
/// documents and the judged-event marks, and no week units; round 2: no recent-pain documents for the traffic light. The
/// migration brings each to the current shape.
/// </summary>
public sealed class migrating_a_round_one_database(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HipLogApi api = fixture.Api;

    [Fact]
    public async Task migrate_rebuilds_the_week_units_from_the_events_and_drops_the_old_tables()
    {
        var client = api.ClientFor("runner-old");
        (await client.PutJson("/runners/runner-old/profile", new { displayName = "Old", timeZone = "Europe/Berlin" }))
            .EnsureSuccessStatusCode();
        for (var day = 1; day <= 20; day++)
            await client.Create("/runners/runner-old/runs", Scenarios.Run($"2026-11-{day:00}T07:00:00+01:00", distanceKm: 5 + day));
        var expected = await (await client.GetAsync("/runners/runner-old/training-load?from=2026-11-01&to=2026-11-25"))
            .ShouldBeJson(HttpStatusCode.OK);

        await ExecuteAsync("""
            delete from hiplog.mt_doc_trainingweek;
            update hiplog.mt_doc_trainingload
              set data = '{"id":"runner-old","timeZone":"Europe/Berlin","runs":[],"figures":{"days":[],"weeks":[]}}';
            create table hiplog.mt_doc_paintrend (id varchar primary key, data jsonb);
            insert into hiplog.mt_doc_paintrend values ('runner-old', '{"reports":[]}');
            create table hiplog.mt_doc_painwatchmark (id varchar primary key, data jsonb);
            """);
        (await (await client.GetAsync("/runners/runner-old/training-load?from=2026-11-01&to=2026-11-25")).ShouldBeJson(HttpStatusCode.OK))
            .ToJsonString().ShouldNotBe(expected.ToJsonString());

        var log = new StringWriter();
        await Migration.RunAsync(api.Store, log, CancellationToken.None);
        await Migration.RunAsync(api.Store, TextWriter.Null, CancellationToken.None);

        (await (await client.GetAsync("/runners/runner-old/training-load?from=2026-11-01&to=2026-11-25")).ShouldBeJson(HttpStatusCode.OK))
            .ToJsonString().ShouldBe(expected.ToJsonString());
        (await ScalarAsync("select count(*) from information_schema.tables where table_schema = 'hiplog' and table_name in " +
            "('mt_doc_paintrend', 'mt_doc_painwatchmark')")).ShouldBe(0L);
        log.ToString().ShouldContain("rebuilt: TrainingLoad");
    }

    [Fact]
    public async Task migrate_builds_the_recent_pain_the_traffic_light_reads_from_reports_written_before_it()
    {
        var runner = await api.RunnerInBerlinAsync("runner-before-light");
        await runner.Pain.CreateAsync(Sample.Pain("2026-11-25T19:00:00+01:00", 7));
        await ExecuteAsync("""
            delete from hiplog.mt_doc_recentpain where id = 'runner-before-light';
            delete from hiplog.mt_doc_painfacts where id = 'runner-before-light';
            """);
        (await runner.GetAsync($"{runner.Path}/status")).Is<StatusResponse>(HttpStatusCode.OK).Light.ShouldBe(Light.Grey);

        var log = new StringWriter();
        await Migration.RunAsync(api.Store, log, CancellationToken.None);

        (await runner.GetAsync($"{runner.Path}/status")).Is<StatusResponse>(HttpStatusCode.OK).Light.ShouldBe(Light.Red);
        log.ToString().ShouldContain("rebuilt: RecentPain");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
