using Npgsql;

namespace HipLog.Tests.Support;

/// <summary>What an erasure must leave: nothing anywhere that holds a runner's id or a marker they wrote.</summary>
public static class TableScan
{
    /// <summary>Every table of every schema, each row cast to text: "schema.table: n rows" for each table holding the needle.</summary>
    public static async Task<List<string>> RowsHolding(string connectionString, string needle)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("""
            select format('%I.%I', table_schema, table_name) from information_schema.tables
            where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                tables.Add(reader.GetString(0));
        tables.Count.ShouldBeGreaterThan(10, "the scan must see Marten's and Hangfire's tables");

        var found = new List<string>();
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"select count(*) from {table} t where strpos(t::text, @needle) > 0", connection);
            count.Parameters.AddWithValue("needle", needle);
            if ((long)(await count.ExecuteScalarAsync())! is var n and > 0)
                found.Add($"{table}: {n} rows");
        }

        return found;
    }
}
