using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Xunit;

namespace Switchyard.Testing;

/// <summary>
/// A database's schema as sorted lines (one per column and per index), so that a migrated database can be compared
/// with one its model created: the services' migrations are written by hand.
/// </summary>
public static class DatabaseSchema
{
    /// <summary>The tables (without EF Core's history) and indexes of the SQLite file <paramref name="file"/>.</summary>
    public static async Task<List<string>> OfSqliteAsync(string file)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=false");
        await connection.OpenAsync(Cancellation);
        var tables = await ListAsync(connection, "select name from sqlite_master where type = 'table' and name not like '%EFMigrations%' and name not like 'sqlite_%'");
        var schema = new List<string>();
        foreach (var table in tables)
        {
            schema.AddRange(await ListAsync(connection, $"select '{table}.' || name || ' ' || type || ' ' || \"notnull\" || ' ' || pk from pragma_table_info('{table}')"));
            schema.AddRange(await ListAsync(connection,
                $"select '{table} index ' || il.name || ' ' || il.\"unique\" || ' ' || (select group_concat(ii.name, ',') from pragma_index_info(il.name) ii) " +
                $"from pragma_index_list('{table}') il where il.origin = 'c'"));
        }

        schema.Sort(StringComparer.Ordinal);
        return schema;
    }

    /// <summary>The columns (without EF Core's history) and indexes of the PostgreSQL database <paramref name="connectionString"/> names.</summary>
    public static async Task<List<string>> OfPostgreSqlAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Cancellation);
        var schema = await ListAsync(connection,
            "select table_name || '.' || column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '') || ' ' || is_nullable || " +
            "coalesce(' identity=' || identity_generation, '') from information_schema.columns where table_schema = 'public' and table_name not like '%EFMigrations%'");
        schema.AddRange(await ListAsync(connection,
            "select tablename || ' index ' || indexname || ' ' || regexp_replace(indexdef, '^.* USING ', '') from pg_indexes where schemaname = 'public' and tablename not like '%EFMigrations%'"));
        schema.Sort(StringComparer.Ordinal);
        return schema;
    }

    static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    static async Task<List<string>> ListAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(Cancellation);
        var rows = new List<string>();
        while (await reader.ReadAsync(Cancellation))
            rows.Add(reader.GetString(0));
        return rows;
    }
}
