using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Switchyard.Dispatcher.Storage.Migrations;

/// <summary>
/// What an attempt sent and what came back, so that the console can show an attempt whole and redeliver it: the
/// request's headers and body and the start of the answer. Nullable: attempts logged before have none.
/// </summary>
[DbContext(typeof(DispatcherDbContext))]
[Migration("20261202090000_AttemptDetails")]
public sealed class AttemptDetails : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>("request_headers", "delivery_attempts", nullable: true);
        migrationBuilder.AddColumn<string>("request_body", "delivery_attempts", nullable: true);
        migrationBuilder.AddColumn<string>("response_excerpt", "delivery_attempts", nullable: true);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn("response_excerpt", "delivery_attempts");
        migrationBuilder.DropColumn("request_body", "delivery_attempts");
        migrationBuilder.DropColumn("request_headers", "delivery_attempts");
    }
}
