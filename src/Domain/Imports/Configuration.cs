using Marten;
using Weasel.Postgresql.Tables;

namespace HipLog.Domain.Imports;

public static class Configuration
{
    public static StoreOptions ConfigureImports(this StoreOptions opts)
    {
        opts.Events.AddEventTypes([typeof(RunImportRequested)]);
        // Erasure finds a runner's imports by runner; the sweep finds the unfinished ones.
        opts.Schema.For<RunImport>().Index(x => x.RunnerId).Index(x => x.Status);

        var archives = new Table($"{opts.DatabaseSchemaName}.{RunImports.ArchiveTable}");
        archives.AddColumn<Guid>("import_id").AsPrimaryKey();
        archives.AddColumn<string>("runner_id").NotNull();
        archives.AddColumn("content", "bytea").NotNull();
        archives.Indexes.Add(new IndexDefinition("ix_run_import_archives_runner") { Columns = ["runner_id"] });
        opts.Storage.ExtendedSchemaObjects.Add(archives);
        return opts;
    }
}
