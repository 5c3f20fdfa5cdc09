using HipLog.Domain.Sharing;
using HipLog.Domain.Storage;
using HipLog.Domain.Trends;
using JasperFx.CommandLine;
using JasperFx.Events.Daemon;
using Marten;
using Npgsql;

namespace HipLog.Worker.Storage;

/// <summary>
/// Brings a database written by an earlier HipLog to the current shape: the schema is updated, the documents of
/// projections whose shape changed are rebuilt from the events (the events themselves never change), and tables no
/// projection writes any more are dropped. Running it again changes nothing.
/// </summary>
public static class Migration
{
    /// <summary>Round 1 kept these; round 2 figures the pain trend from the views and needs no judged-event marks.</summary>
    public static readonly string[] ObsoleteDocuments = ["paintrend", "painwatchmark"];

    /// <summary>
    /// Projections whose documents changed shape since round 1, or are new and hold what was written before them (the recent
    /// pain the traffic light reads, round 3).
    /// </summary>
    public static readonly string[] Rebuilt = [TrainingLoadProjection.Name, RecentPainProjection.Name];

    public static async Task RunAsync(IDocumentStore store, TextWriter log, CancellationToken ct)
    {
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        log.WriteLine("schema: up to date");

        await using (var connection = store.Storage.Database.CreateConnection())
        {
            await connection.OpenAsync(ct);
            foreach (var name in ObsoleteDocuments)
            {
                await using var drop = new NpgsqlCommand(
                    $"drop table if exists {HipLogStore.SchemaName}.mt_doc_{name} cascade; " +
                    $"drop function if exists {HipLogStore.SchemaName}.mt_upsert_{name}, {HipLogStore.SchemaName}.mt_insert_{name}, " +
                    $"{HipLogStore.SchemaName}.mt_update_{name}, {HipLogStore.SchemaName}.mt_overwrite_{name} cascade;", connection);
                await drop.ExecuteNonQueryAsync(ct);
                log.WriteLine($"dropped: mt_doc_{name} (if it was there)");
            }
        }

        using var daemon = await store.BuildProjectionDaemonAsync();
        foreach (var projection in Rebuilt)
        {
            var started = DateTimeOffset.UtcNow;
            await daemon.RebuildProjectionAsync(projection, TimeSpan.FromMinutes(30), ct);
            log.WriteLine($"rebuilt: {projection} in {(DateTimeOffset.UtcNow - started).TotalSeconds:F1} s");
        }
    }
}

[Description("Brings a database from an earlier HipLog version to the current shape (run once after upgrading)", Name = "migrate")]
public sealed class MigrateCommand : JasperFxAsyncCommand<NetCoreInput>
{
    public override async Task<bool> Execute(NetCoreInput input)
    {
        // The host is built, not started: no daemon or job server runs while the documents are rebuilt.
        using var host = input.BuildHost();
        await Migration.RunAsync(host.Services.GetRequiredService<IDocumentStore>(), Console.Out, CancellationToken.None);
        return true;
    }
}
