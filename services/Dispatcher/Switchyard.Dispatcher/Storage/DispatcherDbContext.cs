using Microsoft.EntityFrameworkCore;
using Switchyard.Dispatcher.Delivery;
using Switchyard.Dispatcher.Inbox;
using Switchyard.Dispatcher.Samples;
using Switchyard.Dispatcher.Subscriptions;
using Switchyard.Storage;

namespace Switchyard.Dispatcher.Storage;

/// <summary>
/// The dispatcher's durable state, on SQLite or PostgreSQL. The schema is the migrations' (see
/// <c>Storage/Migrations</c>); this model must describe the same tables and columns.
/// </summary>
public sealed class DispatcherDbContext(DbContextOptions<DispatcherDbContext> options) : DbContext(options)
{
    /// <summary>Subscriptions, from configuration and from the API.</summary>
    public DbSet<SubscriptionRecord> Subscriptions => Set<SubscriptionRecord>();

    /// <summary>The delivery log.</summary>
    public DbSet<DeliveryAttemptRecord> DeliveryAttempts => Set<DeliveryAttemptRecord>();

    /// <summary>Recent events per type.</summary>
    public DbSet<SampleRecord> Samples => Set<SampleRecord>();

    /// <summary>Events waiting in inbox subscriptions.</summary>
    public DbSet<InboxRecord> Inbox => Set<InboxRecord>();

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        // Every time is stored in UTC; SQLite gives them back without a kind, which would read as local time.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SubscriptionRecord>(e =>
        {
            e.ToTable("subscriptions");
            e.HasKey(s => s.Id).HasName("pk_subscriptions");
            e.Property(s => s.Id).HasColumnName("id").HasMaxLength(64);
            e.Property(s => s.Source).HasColumnName("source").HasMaxLength(16);
            e.Property(s => s.Owner).HasColumnName("owner").HasMaxLength(200);
            e.Property(s => s.Url).HasColumnName("url").HasMaxLength(2048);
            e.Property(s => s.Events).HasColumnName("events");
            e.Property(s => s.Secrets).HasColumnName("secrets");
            e.Property(s => s.PreviousSecretsExpireAt).HasColumnName("previous_secrets_expire_at");
            e.Property(s => s.Status).HasColumnName("status").HasMaxLength(16);
            e.Property(s => s.StatusReason).HasColumnName("status_reason");
            e.Property(s => s.StatusChangedAt).HasColumnName("status_changed_at");
            e.Property(s => s.FailingSince).HasColumnName("failing_since");
            e.Property(s => s.ConsecutiveFailures).HasColumnName("consecutive_failures");
            e.Property(s => s.CreatedAt).HasColumnName("created_at");
            e.Ignore(s => s.EventList);
        });

        modelBuilder.Entity<DeliveryAttemptRecord>(e =>
        {
            e.ToTable("delivery_attempts");
            e.HasKey(a => a.Id).HasName("pk_delivery_attempts");
            e.Property(a => a.Id).HasColumnName("id").ValueGeneratedOnAdd();
            e.Property(a => a.WebhookId).HasColumnName("webhook_id").HasMaxLength(64);
            e.Property(a => a.EventId).HasColumnName("event_id");
            e.Property(a => a.EventType).HasColumnName("event_type").HasMaxLength(200);
            e.Property(a => a.SubscriptionId).HasColumnName("subscription_id").HasMaxLength(64);
            e.Property(a => a.Attempt).HasColumnName("attempt");
            e.Property(a => a.AttemptedAt).HasColumnName("attempted_at");
            e.Property(a => a.Outcome).HasColumnName("outcome").HasMaxLength(16);
            e.Property(a => a.StatusCode).HasColumnName("status_code");
            e.Property(a => a.Error).HasColumnName("error");
            e.Property(a => a.LatencyMs).HasColumnName("latency_ms");
            e.Property(a => a.NextAttemptAt).HasColumnName("next_attempt_at");
            e.Property(a => a.RequestHeaders).HasColumnName("request_headers");
            e.Property(a => a.RequestBody).HasColumnName("request_body");
            e.Property(a => a.ResponseExcerpt).HasColumnName("response_excerpt");
            e.HasIndex(a => new { a.SubscriptionId, a.Id }).HasDatabaseName("ix_delivery_attempts_subscription");
            e.HasIndex(a => a.EventId).HasDatabaseName("ix_delivery_attempts_event");
            e.HasIndex(a => a.AttemptedAt).HasDatabaseName("ix_delivery_attempts_attempted_at");
        });

        modelBuilder.Entity<SampleRecord>(e =>
        {
            e.ToTable("samples");
            e.HasKey(s => s.Id).HasName("pk_samples");
            e.Property(s => s.Id).HasColumnName("id").ValueGeneratedOnAdd();
            e.Property(s => s.EventType).HasColumnName("event_type").HasMaxLength(200);
            e.Property(s => s.EventId).HasColumnName("event_id");
            e.Property(s => s.Body).HasColumnName("body");
            e.HasIndex(s => new { s.EventType, s.EventId }).IsUnique().HasDatabaseName("ux_samples_event");
        });

        modelBuilder.Entity<InboxRecord>(e =>
        {
            e.ToTable("inbox");
            e.HasKey(i => i.Sequence).HasName("pk_inbox");
            e.Property(i => i.Sequence).HasColumnName("sequence").ValueGeneratedOnAdd();
            e.Property(i => i.MessageId).HasColumnName("message_id").HasMaxLength(64);
            e.Property(i => i.SubscriptionId).HasColumnName("subscription_id").HasMaxLength(64);
            e.Property(i => i.Owner).HasColumnName("owner").HasMaxLength(200);
            e.Property(i => i.EventType).HasColumnName("event_type").HasMaxLength(200);
            e.Property(i => i.Body).HasColumnName("body");
            e.Property(i => i.EnqueuedAt).HasColumnName("enqueued_at");
            e.Property(i => i.AcknowledgedAt).HasColumnName("acknowledged_at");
            e.HasIndex(i => i.MessageId).IsUnique().HasDatabaseName("ux_inbox_message");
            e.HasIndex(i => new { i.Owner, i.AcknowledgedAt, i.Sequence }).HasDatabaseName("ix_inbox_pending");
        });
    }
}
