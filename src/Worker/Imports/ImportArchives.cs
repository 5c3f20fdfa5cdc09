using System.Data;
using HipLog.Domain.Imports;
using HipLog.Domain.Storage;
using Marten;
using Npgsql;

namespace HipLog.Worker.Imports;

/// <summary>The stored archives as the import job reads them, and the job's turn on one of them.</summary>
public sealed class ImportArchives(IDocumentStore store)
{
    /// <summary>
    /// The stored archive, copied to a temporary file (deleted when closed) as it streams from PostgreSQL: the job reads
    /// it entry by entry from disk, so a 256 MB archive costs the Worker a buffer, not 256 MB. Null when none is stored.
    /// </summary>
    public async Task<FileStream?> LoadAsync(Guid importId, CancellationToken ct)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var select = new NpgsqlCommand($"select content from {RunImports.Archives(store)} where import_id = @id", connection);
        select.Parameters.AddWithValue("id", importId);
        await using var reader = await select.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
        if (!await reader.ReadAsync(ct))
            return null;
        var file = TemporaryFiles.Create();
        try
        {
            await using (var content = reader.GetStream(0))
                await content.CopyToAsync(file, ct);
            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
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
