using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Switchyard.WebConsole.ReadModel.Migrations;

/// <summary>
/// The first schema. Written by hand, without provider-specific column types, so that one migration serves SQLite and
/// PostgreSQL.
/// </summary>
[DbContext(typeof(ConsoleDbContext))]
[Migration("20261202100000_ReadModel")]
public sealed class ReadModel : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable("deals", table => new
        {
            portal_id = table.Column<long>(nullable: false),
            deal_id = table.Column<long>(nullable: false),
            opportunity_id = table.Column<string>(maxLength: 64, nullable: true),
            title = table.Column<string>(nullable: true),
            catalog = table.Column<string>(maxLength: 16, nullable: true),
            review_status = table.Column<string>(maxLength: 64, nullable: true),
            submission_state = table.Column<string>(maxLength: 64, nullable: true),
            invitation_state = table.Column<string>(maxLength: 64, nullable: true),
            invitation_expires_at = table.Column<DateTime>(nullable: true),
            last_outcome = table.Column<string>(maxLength: 64, nullable: false),
            last_reason = table.Column<string>(maxLength: 200, nullable: true),
            last_detail = table.Column<string>(nullable: true),
            last_outcome_at = table.Column<DateTime>(nullable: false),
            first_seen_at = table.Column<DateTime>(nullable: false),
            outcomes = table.Column<int>(nullable: false),
        }, constraints: table => table.PrimaryKey("pk_deals", d => new { d.portal_id, d.deal_id }));
        migrationBuilder.CreateIndex("ix_deals_last_outcome_at", "deals", "last_outcome_at");
        migrationBuilder.CreateIndex("ix_deals_invitation_expires_at", "deals", "invitation_expires_at");

        migrationBuilder.CreateTable("activity", table => new
        {
            minute = table.Column<DateTime>(nullable: false),
            kind = table.Column<string>(maxLength: 16, nullable: false),
            events = table.Column<int>(nullable: false),
        }, constraints: table => table.PrimaryKey("pk_activity", a => new { a.minute, a.kind }));
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("activity");
        migrationBuilder.DropTable("deals");
    }
}
