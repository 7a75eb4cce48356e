using System.Data.Common;

namespace Switchyard.Testing;

/// <summary>
/// A database's schema as sorted lines (columns with type, nullability and key; indexes with their columns), to compare
/// what hand-written migrations create with what a model creates by itself.
/// </summary>
public static class DatabaseSchema
{
    /// <summary>The schema of a SQLite file, without EF's migration history.</summary>
    public static async Task<List<string>> OfSqliteAsync(string file, CancellationToken cancellationToken)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=false");
        await connection.OpenAsync(cancellationToken);
        var tables = await ListAsync(connection, "select name from sqlite_master where type = 'table' and name not like '%EFMigrations%' and name not like 'sqlite_%'", cancellationToken);
        var schema = new List<string>();
        foreach (var table in tables)
        {
            schema.AddRange(await ListAsync(connection, $"select '{table}.' || name || ' ' || type || ' ' || \"notnull\" || ' ' || pk from pragma_table_info('{table}')", cancellationToken));
            schema.AddRange(await ListAsync(connection,
                $"select '{table} index ' || il.name || ' ' || il.\"unique\" || ' ' || (select group_concat(ii.name, ',') from pragma_index_info(il.name) ii) " +
                $"from pragma_index_list('{table}') il where il.origin = 'c'", cancellationToken));
        }

        schema.Sort(StringComparer.Ordinal);
        return schema;
    }

    /// <summary>The schema of a PostgreSQL database's public schema, without EF's migration history.</summary>
    public static async Task<List<string>> OfPostgresAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var schema = await ListAsync(connection,
            "select table_name || '.' || column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '') || ' ' || is_nullable || " +
            "coalesce(' identity=' || identity_generation, '') from information_schema.columns where table_schema = 'public' and table_name not like '%EFMigrations%'", cancellationToken);
        schema.AddRange(await ListAsync(connection,
            "select tablename || ' index ' || indexname || ' ' || regexp_replace(indexdef, '^.* USING ', '') from pg_indexes where schemaname = 'public' and tablename not like '%EFMigrations%'", cancellationToken));
        schema.Sort(StringComparer.Ordinal);
        return schema;
    }

    static async Task<List<string>> ListAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(reader.GetString(0));
        return rows;
    }
}
