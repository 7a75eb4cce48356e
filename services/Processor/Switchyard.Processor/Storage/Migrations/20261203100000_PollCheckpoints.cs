using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Switchyard.Processor.Storage.Migrations;

/// <summary>
/// The polls' checkpoints, so that a restarted processor, or another instance taking the polls over, resumes where the
/// last poll got to. Written by hand like the first migration, without provider-specific column types, so that it
/// serves SQLite and PostgreSQL alike. A row appears with a list's first completed poll.
/// </summary>
[DbContext(typeof(ProcessorDbContext))]
[Migration("20261203100000_PollCheckpoints")]
public sealed class PollCheckpoints : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable("poll_checkpoints", table => new
        {
            stream = table.Column<string>(maxLength: 100, nullable: false),
            last_modified = table.Column<DateTime>(nullable: false),
            polled_at = table.Column<DateTime>(nullable: false),
        }, constraints: table => table.PrimaryKey("pk_poll_checkpoints", c => c.stream));
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("poll_checkpoints");
}
