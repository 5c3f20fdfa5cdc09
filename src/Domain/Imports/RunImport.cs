using System.Data.Common;
using Marten;
using NpgsqlTypes;
using Npgsql;
using Weasel.Core;
using Weasel.Storage;

namespace HipLog.Domain.Imports;

public enum RunImportStatus { Queued, Running, Done, Failed }

public sealed record ImportFailure(string File, string Reason);

/// <summary>
/// An archive being imported, and how far it got. Processed counts the activity files dealt with, in the archive's
/// order; it is saved in the same transaction as the runs those files made, so a job that resumes starts at the first
/// file whose run is not in the log, and no run is imported twice. Inflated counts the bytes its files unpacked to,
/// against the archive's limit, across resumes.
/// </summary>
public sealed record RunImport(
    Guid Id,
    string RunnerId,
    RunImportStatus Status,
    int Total,
    int Processed,
    int Imported,
    int Duplicates,
    IReadOnlyList<ImportFailure> Failed,
    ImportChoices Choices,
    DateTimeOffset RequestedAt,
    DateTimeOffset? CompletedAt = null,
    long Inflated = 0);

/// <summary>
/// Appended to a stream of its own (<see cref="RunImports.StreamFor"/>) so the Worker hears of the archive at once
/// through its subscription; it names the import only, not the runner.
/// </summary>
public sealed record RunImportRequested(Guid ImportId, DateTimeOffset RequestedAt);

public static class RunImports
{
    public static string StreamFor(Guid importId) => $"import~{importId}";

    /// <summary>The archives waiting for the Worker: bytes, not JSON, so a 100 MB export is stored and read as it came.</summary>
    public const string ArchiveTable = "run_import_archives";

    public static string Archives(IDocumentStore store) => $"{store.Options.DatabaseSchemaName}.{ArchiveTable}";

    /// <summary>Stores the archive in the session's transaction, with the import that will read it.</summary>
    public static void StoreArchive(IDocumentSession session, RunImport import, Stream content) =>
        session.QueueOperation(new StoreArchiveOperation(Archives(session.DocumentStore), import, content));

    /// <summary>
    /// The archive as a bytea parameter whose value is the stream itself: Npgsql copies it to the socket as the statement
    /// is sent. QueueSqlCommand would type a stream as text.
    /// </summary>
    private sealed class StoreArchiveOperation(string table, RunImport import, Stream content)
        : Weasel.Storage.IStorageOperation, NoDataReturnedCall
    {
        public Type DocumentType => typeof(RunImport);

        public void ConfigureCommand(ICommandBuilder builder, IStorageSession session)
        {
            var parameters = builder.AppendWithDbParameters($"insert into {table} (import_id, runner_id, content) values (?, ?, ?)")
                .Cast<NpgsqlParameter>().ToArray();
            parameters[0].Value = import.Id;
            parameters[0].NpgsqlDbType = NpgsqlDbType.Uuid;
            parameters[1].Value = import.RunnerId;
            parameters[1].NpgsqlDbType = NpgsqlDbType.Text;
            parameters[2].Value = content;
            parameters[2].NpgsqlDbType = NpgsqlDbType.Bytea;
        }

        public void Postprocess(DbDataReader reader, IList<Exception> exceptions)
        {
        }

        public Task PostprocessAsync(DbDataReader reader, IList<Exception> exceptions, CancellationToken token) => Task.CompletedTask;

        public OperationRole Role() => OperationRole.Other;
    }

    /// <summary>Removes the archive in the session's transaction: it is kept only until its runs are in the log, or given up.</summary>
    public static void DeleteArchive(IDocumentSession session, Guid importId) =>
        session.QueueSqlCommand($"delete from {Archives(session.DocumentStore)} where import_id = ?", importId);

    /// <summary>Removes every archive of a runner in the session's transaction (erasure).</summary>
    public static void DeleteArchivesOf(IDocumentSession session, string runnerId) =>
        session.QueueSqlCommand($"delete from {Archives(session.DocumentStore)} where runner_id = ?", runnerId);
}
