using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Switchyard.Processor.Storage.Migrations;

/// <summary>
/// The processor's first schema: the write ledger, the budget's row, parked writes and leases. Written by hand, without
/// provider-specific column types, so that one migration serves SQLite and PostgreSQL; both providers' identity
/// annotations are given and each reads its own.
/// </summary>
[DbContext(typeof(ProcessorDbContext))]
[Migration("20261203090000_WriteBudget")]
public sealed class WriteBudget : Migration
{
    const string SqliteAutoincrement = "Sqlite:Autoincrement";
    const string NpgsqlIdentity = "Npgsql:ValueGenerationStrategy";

    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable("write_ledger", table => new
        {
            id = Identity(table.Column<long>(nullable: false)),
            at = table.Column<DateTime>(nullable: false),
            operation = table.Column<string>(maxLength: 100, nullable: false),
            key = table.Column<string>(maxLength: 300, nullable: false),
            completed = table.Column<bool>(nullable: false),
        }, constraints: table => table.PrimaryKey("pk_write_ledger", w => w.id));
        migrationBuilder.CreateIndex("ix_write_ledger_at", "write_ledger", "at");

        migrationBuilder.CreateTable("write_budget", table => new
        {
            id = table.Column<int>(nullable: false),
            version = table.Column<long>(nullable: false),
            blocked_until = table.Column<DateTime>(nullable: true),
            blocked_by = table.Column<string>(maxLength: 50, nullable: true),
            throttled_by = table.Column<string>(maxLength: 50, nullable: true),
        }, constraints: table => table.PrimaryKey("pk_write_budget", s => s.id));
        // Plain SQL both providers read alike: without a model, the migration cannot type InsertData's columns.
        migrationBuilder.Sql($"INSERT INTO write_budget (id, version) VALUES ({ProcessorDbContext.BudgetStateId}, 0);");

        migrationBuilder.CreateTable("parked_writes", table => new
        {
            key = table.Column<string>(maxLength: 300, nullable: false),
            operation = table.Column<string>(maxLength: 100, nullable: false),
            priority = table.Column<bool>(nullable: false),
            parked_at = table.Column<DateTime>(nullable: false),
            updated_at = table.Column<DateTime>(nullable: false),
            version = table.Column<long>(nullable: false),
            reason = table.Column<string>(maxLength: 50, nullable: false),
            message_type = table.Column<string>(maxLength: 300, nullable: false),
            message_id = table.Column<Guid>(nullable: true),
            message = table.Column<string>(nullable: false),
        }, constraints: table => table.PrimaryKey("pk_parked_writes", p => p.key));
        migrationBuilder.CreateIndex("ix_parked_writes_order", "parked_writes", ["priority", "parked_at"]);

        migrationBuilder.CreateTable("leases", table => new
        {
            name = table.Column<string>(maxLength: 100, nullable: false),
            holder = table.Column<string>(maxLength: 100, nullable: true),
            expires_at = table.Column<DateTime>(nullable: false),
        }, constraints: table => table.PrimaryKey("pk_leases", l => l.name));
        migrationBuilder.Sql($"INSERT INTO leases (name, expires_at) VALUES ('{Lease.ParkedWriteRelease}', '2000-01-01 00:00:00');");
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("leases");
        migrationBuilder.DropTable("parked_writes");
        migrationBuilder.DropTable("write_budget");
        migrationBuilder.DropTable("write_ledger");
    }

    static OperationBuilder<AddColumnOperation> Identity(OperationBuilder<AddColumnOperation> column) =>
        column.Annotation(SqliteAutoincrement, true).Annotation(NpgsqlIdentity, NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
}
