using HipLog.Domain.Imports;
using Marten;
using Npgsql;

namespace HipLog.Worker.Imports;

/// <summary>The stored archives as the import job reads them, and the job's turn on one of them.</summary>
public sealed class ImportArchives(IDocumentStore store)
{
    public async Task<byte[]?> LoadAsync(Guid importId, CancellationToken ct)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var select = new NpgsqlCommand($"select content from {RunImports.Archives(store)} where import_id = @id", connection);
        select.Parameters.AddWithValue("id", importId);
        return await select.ExecuteScalarAsync(ct) as byte[];
    }

    /// <summary>
    /// A session-level advisory lock on the import, held on its own connection for as long as the job runs (a dead
    /// Worker's goes with its connection); null when another copy of the job holds it.
    /// </summary>
    public async Task<NpgsqlConnection?> TakeTurnAsync(Guid importId, CancellationToken ct)
    {
        var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var take = new NpgsqlCommand("select pg_try_advisory_lock(@key)", connection);
        take.Parameters.AddWithValue("key", BitConverter.ToInt64(importId.ToByteArray(), 8));
        if ((bool)(await take.ExecuteScalarAsync(ct))!)
            return connection;
        await connection.DisposeAsync();
        return null;
    }
}
