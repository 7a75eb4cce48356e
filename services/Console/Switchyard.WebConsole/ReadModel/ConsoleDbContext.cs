using Microsoft.EntityFrameworkCore;
using Switchyard.Storage;

namespace Switchyard.WebConsole.ReadModel;

/// <summary>
/// The console's read model, on SQLite or PostgreSQL. The schema is the migrations' (see <c>ReadModel/Migrations</c>);
/// this model must describe the same tables and columns.
/// </summary>
public sealed class ConsoleDbContext(DbContextOptions<ConsoleDbContext> options) : DbContext(options)
{
    /// <summary>Deals Switchyard has touched.</summary>
    public DbSet<DealRecord> Deals => Set<DealRecord>();

    /// <summary>Events per minute.</summary>
    public DbSet<ActivityRecord> Activity => Set<ActivityRecord>();

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        // Every time is stored in UTC; SQLite gives them back without a kind, which would read as local time.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<DealRecord>(e =>
        {
            e.ToTable("deals");
            e.HasKey(d => new { d.PortalId, d.DealId }).HasName("pk_deals");
            e.Property(d => d.PortalId).HasColumnName("portal_id").ValueGeneratedNever();
            e.Property(d => d.DealId).HasColumnName("deal_id").ValueGeneratedNever();
            e.Property(d => d.OpportunityId).HasColumnName("opportunity_id").HasMaxLength(64);
            e.Property(d => d.Title).HasColumnName("title");
            e.Property(d => d.Catalog).HasColumnName("catalog").HasMaxLength(16);
            e.Property(d => d.ReviewStatus).HasColumnName("review_status").HasMaxLength(64);
            e.Property(d => d.PreviousReviewStatus).HasColumnName("previous_review_status").HasMaxLength(64);
            e.Property(d => d.ReviewComments).HasColumnName("review_comments");
            e.Property(d => d.ReviewStatusReason).HasColumnName("review_status_reason").HasMaxLength(200);
            e.Property(d => d.ReviewStatusAt).HasColumnName("review_status_at");
            e.Property(d => d.SubmissionState).HasColumnName("submission_state").HasMaxLength(64);
            e.Property(d => d.SubmissionReason).HasColumnName("submission_reason").HasMaxLength(200);
            e.Property(d => d.InvolvementType).HasColumnName("involvement_type").HasMaxLength(32);
            e.Property(d => d.SubmissionStateAt).HasColumnName("submission_state_at");
            // AWS's model: an invitation identifier is an ARN or engi-..., at most 255 characters.
            e.Property(d => d.InvitationId).HasColumnName("invitation_id").HasMaxLength(255);
            e.Property(d => d.InvitationState).HasColumnName("invitation_state").HasMaxLength(64);
            e.Property(d => d.InvitationStateAt).HasColumnName("invitation_state_at");
            e.Property(d => d.InvitationReceivedAt).HasColumnName("invitation_received_at");
            e.Property(d => d.InvitationExpiresAt).HasColumnName("invitation_expires_at");
            e.Property(d => d.LastOutcome).HasColumnName("last_outcome").HasMaxLength(64);
            e.Property(d => d.LastReason).HasColumnName("last_reason").HasMaxLength(200);
            e.Property(d => d.LastDetail).HasColumnName("last_detail");
            e.Property(d => d.LastOutcomeAt).HasColumnName("last_outcome_at");
            e.Property(d => d.FirstSeenAt).HasColumnName("first_seen_at");
            e.Property(d => d.Outcomes).HasColumnName("outcomes");
            e.HasIndex(d => d.LastOutcomeAt).HasDatabaseName("ix_deals_last_outcome_at");
            e.HasIndex(d => d.InvitationExpiresAt).HasDatabaseName("ix_deals_invitation_expires_at");
            e.HasIndex(d => d.InvitationState).HasDatabaseName("ix_deals_invitation_state");
        });

        modelBuilder.Entity<ActivityRecord>(e =>
        {
            e.ToTable("activity");
            e.HasKey(a => new { a.Minute, a.Kind }).HasName("pk_activity");
            e.Property(a => a.Minute).HasColumnName("minute");
            e.Property(a => a.Kind).HasColumnName("kind").HasMaxLength(16);
            e.Property(a => a.Events).HasColumnName("events");
        });
    }
}
