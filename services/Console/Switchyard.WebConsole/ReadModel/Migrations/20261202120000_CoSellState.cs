using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Switchyard.WebConsole.ReadModel.Migrations;

/// <summary>
/// Co-selling on the deals: AWS's review (the status before the last change, comments, reason, when), the submission
/// (reason of a failure, involvement type, when) and the invitation (its id, when its state was reported, when it was
/// received). Added columns only, all nullable, so a database of the first schema keeps its rows. Written by hand for
/// SQLite and PostgreSQL alike.
/// </summary>
[DbContext(typeof(ConsoleDbContext))]
[Migration("20261202120000_CoSellState")]
public sealed class CoSellState : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>("previous_review_status", "deals", maxLength: 64, nullable: true);
        migrationBuilder.AddColumn<string>("review_comments", "deals", nullable: true);
        migrationBuilder.AddColumn<string>("review_status_reason", "deals", maxLength: 200, nullable: true);
        migrationBuilder.AddColumn<DateTime>("review_status_at", "deals", nullable: true);
        migrationBuilder.AddColumn<string>("submission_reason", "deals", maxLength: 200, nullable: true);
        migrationBuilder.AddColumn<string>("involvement_type", "deals", maxLength: 32, nullable: true);
        migrationBuilder.AddColumn<DateTime>("submission_state_at", "deals", nullable: true);
        migrationBuilder.AddColumn<string>("invitation_id", "deals", maxLength: 255, nullable: true);
        migrationBuilder.AddColumn<DateTime>("invitation_state_at", "deals", nullable: true);
        migrationBuilder.AddColumn<DateTime>("invitation_received_at", "deals", nullable: true);
        migrationBuilder.CreateIndex("ix_deals_invitation_state", "deals", "invitation_state");
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("ix_deals_invitation_state", "deals");
        foreach (var column in new[]
                 {
                     "previous_review_status", "review_comments", "review_status_reason", "review_status_at", "submission_reason",
                     "involvement_type", "submission_state_at", "invitation_id", "invitation_state_at", "invitation_received_at",
                 })
            migrationBuilder.DropColumn(column, "deals");
    }
}
