using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Switchyard.Dispatcher.Storage.Migrations;

/// <summary>
/// The first schema. Written by hand, without provider-specific column types, so that one migration serves SQLite and
/// PostgreSQL; both providers' identity annotations are given and each reads its own.
/// </summary>
[DbContext(typeof(DispatcherDbContext))]
[Migration("20261122090000_InitialSchema")]
public sealed class InitialSchema : Migration
{
    const string SqliteAutoincrement = "Sqlite:Autoincrement";
    const string NpgsqlIdentity = "Npgsql:ValueGenerationStrategy";

    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable("subscriptions", table => new
        {
            id = table.Column<string>(maxLength: 64, nullable: false),
            source = table.Column<string>(maxLength: 16, nullable: false),
            owner = table.Column<string>(maxLength: 200, nullable: true),
            url = table.Column<string>(maxLength: 2048, nullable: true),
            events = table.Column<string>(nullable: false),
            secrets = table.Column<string>(nullable: false),
            previous_secrets_expire_at = table.Column<DateTime>(nullable: true),
            status = table.Column<string>(maxLength: 16, nullable: false),
            status_reason = table.Column<string>(nullable: true),
            status_changed_at = table.Column<DateTime>(nullable: true),
            failing_since = table.Column<DateTime>(nullable: true),
            consecutive_failures = table.Column<int>(nullable: false),
            created_at = table.Column<DateTime>(nullable: false),
        }, constraints: table => table.PrimaryKey("pk_subscriptions", s => s.id));

        migrationBuilder.CreateTable("delivery_attempts", table => new
        {
            id = Identity(table.Column<long>(nullable: false)),
            webhook_id = table.Column<string>(maxLength: 64, nullable: false),
            event_id = table.Column<Guid>(nullable: false),
            event_type = table.Column<string>(maxLength: 200, nullable: false),
            subscription_id = table.Column<string>(maxLength: 64, nullable: false),
            attempt = table.Column<int>(nullable: false),
            attempted_at = table.Column<DateTime>(nullable: false),
            outcome = table.Column<string>(maxLength: 16, nullable: false),
            status_code = table.Column<int>(nullable: true),
            error = table.Column<string>(nullable: true),
            latency_ms = table.Column<double>(nullable: false),
            next_attempt_at = table.Column<DateTime>(nullable: true),
        }, constraints: table => table.PrimaryKey("pk_delivery_attempts", a => a.id));
        migrationBuilder.CreateIndex("ix_delivery_attempts_subscription", "delivery_attempts", ["subscription_id", "id"]);
        migrationBuilder.CreateIndex("ix_delivery_attempts_event", "delivery_attempts", "event_id");
        migrationBuilder.CreateIndex("ix_delivery_attempts_attempted_at", "delivery_attempts", "attempted_at");

        migrationBuilder.CreateTable("samples", table => new
        {
            id = Identity(table.Column<long>(nullable: false)),
            event_type = table.Column<string>(maxLength: 200, nullable: false),
            event_id = table.Column<Guid>(nullable: false),
            body = table.Column<string>(nullable: false),
        }, constraints: table => table.PrimaryKey("pk_samples", s => s.id));
        migrationBuilder.CreateIndex("ux_samples_event", "samples", ["event_type", "event_id"], unique: true);

        migrationBuilder.CreateTable("inbox", table => new
        {
            sequence = Identity(table.Column<long>(nullable: false)),
            message_id = table.Column<string>(maxLength: 64, nullable: false),
            subscription_id = table.Column<string>(maxLength: 64, nullable: false),
            owner = table.Column<string>(maxLength: 200, nullable: false),
            event_type = table.Column<string>(maxLength: 200, nullable: false),
            body = table.Column<string>(nullable: false),
            enqueued_at = table.Column<DateTime>(nullable: false),
            acknowledged_at = table.Column<DateTime>(nullable: true),
        }, constraints: table => table.PrimaryKey("pk_inbox", i => i.sequence));
        migrationBuilder.CreateIndex("ux_inbox_message", "inbox", "message_id", unique: true);
        migrationBuilder.CreateIndex("ix_inbox_pending", "inbox", ["owner", "acknowledged_at", "sequence"]);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("inbox");
        migrationBuilder.DropTable("samples");
        migrationBuilder.DropTable("delivery_attempts");
        migrationBuilder.DropTable("subscriptions");
    }

    static OperationBuilder<AddColumnOperation> Identity(OperationBuilder<AddColumnOperation> column) =>
        column.Annotation(SqliteAutoincrement, true).Annotation(NpgsqlIdentity, NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
}
