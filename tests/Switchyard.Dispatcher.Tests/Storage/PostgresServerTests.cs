using Npgsql;
using Switchyard.Testing;

namespace Switchyard.Dispatcher.Tests.Storage;

public class PostgresServerTests
{
    [Fact]
    public async Task A_created_database_answers_queries_and_is_dropped_on_dispose_even_with_a_connection_open()
    {
        var cancel = TestContext.Current.CancellationToken;
        var database = await PostgresServer.CreateDatabaseAsync("servertest");
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        try
        {
            await connection.OpenAsync(cancel);
            connection.Database.ShouldBe(database.Name);
            await using (var select = new NpgsqlCommand("select 1", connection))
                (await select.ExecuteScalarAsync(cancel)).ShouldBe(1);
            (await ExistsAsync(database.Name)).ShouldBeTrue();
        }
        finally
        {
            await database.DisposeAsync();
        }

        (await ExistsAsync(database.Name)).ShouldBeFalse();
    }

    static async Task<bool> ExistsAsync(string name)
    {
        var server = PostgresServer.Require();
        var admin = new NpgsqlConnectionStringBuilder
        {
            Host = server.Host, Port = server.Port, Username = server.Username, Password = server.Password, Database = "postgres",
        };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var count = new NpgsqlCommand("select count(*) from pg_database where datname = @name", connection);
        count.Parameters.AddWithValue("name", name);
        return (long)(await count.ExecuteScalarAsync(TestContext.Current.CancellationToken))! == 1;
    }
}
