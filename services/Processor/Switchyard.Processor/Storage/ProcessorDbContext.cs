using Microsoft.EntityFrameworkCore;
using Switchyard.Processor.Quotas;
using Switchyard.Storage;

namespace Switchyard.Processor.Storage;

/// <summary>
/// The processor's durable state, shared by its instances, on SQLite or PostgreSQL: the ledger of Partner Central
/// writes, what the budget learned from AWS, the writes parked until the budget allows them, the lease of the
/// instance that releases them, and where the polls of Partner Central got to. The schema is the migrations' (see <c>Storage/Migrations</c>); this model must describe
/// the same tables and columns.
/// </summary>
public sealed class ProcessorDbContext(DbContextOptions<ProcessorDbContext> options) : DbContext(options)
{
    /// <summary>The id of the one <see cref="WriteBudgetState"/> row.</summary>
    public const int BudgetStateId = 1;

    /// <summary>The Partner Central writes of the current window.</summary>
    public DbSet<WriteLedgerEntry> WriteLedger => Set<WriteLedgerEntry>();

    /// <summary>The one row (inserted by the migration) of what the budget learned; every change of the budget locks it first.</summary>
    public DbSet<WriteBudgetState> WriteBudget => Set<WriteBudgetState>();

    /// <summary>Writes waiting for the budget, one per key.</summary>
    public DbSet<ParkedWrite> ParkedWrites => Set<ParkedWrite>();

    /// <summary>Leases of work one instance at a time does (their rows inserted by the migration).</summary>
    public DbSet<Lease> Leases => Set<Lease>();

    /// <summary>Where each poll of Partner Central got to, one row per list polled.</summary>
    public DbSet<PollCheckpoint> PollCheckpoints => Set<PollCheckpoint>();

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<WriteLedgerEntry>(e =>
        {
            e.ToTable("write_ledger");
            e.HasKey(w => w.Id).HasName("pk_write_ledger");
            e.Property(w => w.Id).HasColumnName("id").ValueGeneratedOnAdd();
            e.Property(w => w.At).HasColumnName("at");
            e.Property(w => w.Operation).HasColumnName("operation").HasMaxLength(100);
            e.Property(w => w.Key).HasColumnName("key").HasMaxLength(300);
            e.Property(w => w.Completed).HasColumnName("completed");
            e.HasIndex(w => w.At).HasDatabaseName("ix_write_ledger_at");
        });

        modelBuilder.Entity<WriteBudgetState>(e =>
        {
            e.ToTable("write_budget");
            e.HasKey(s => s.Id).HasName("pk_write_budget");
            e.Property(s => s.Id).HasColumnName("id").ValueGeneratedNever();
            e.Property(s => s.Version).HasColumnName("version");
            e.Property(s => s.BlockedUntil).HasColumnName("blocked_until");
            e.Property(s => s.BlockedBy).HasColumnName("blocked_by").HasMaxLength(50);
            e.Property(s => s.ThrottledBy).HasColumnName("throttled_by").HasMaxLength(50);
        });

        modelBuilder.Entity<ParkedWrite>(e =>
        {
            e.ToTable("parked_writes");
            e.HasKey(p => p.Key).HasName("pk_parked_writes");
            e.Property(p => p.Key).HasColumnName("key").HasMaxLength(300);
            e.Property(p => p.Operation).HasColumnName("operation").HasMaxLength(100);
            e.Property(p => p.Priority).HasColumnName("priority");
            e.Property(p => p.ParkedAt).HasColumnName("parked_at");
            e.Property(p => p.UpdatedAt).HasColumnName("updated_at");
            e.Property(p => p.Version).HasColumnName("version");
            e.Property(p => p.Reason).HasColumnName("reason").HasMaxLength(50);
            e.Property(p => p.MessageType).HasColumnName("message_type").HasMaxLength(300);
            e.Property(p => p.MessageId).HasColumnName("message_id");
            e.Property(p => p.Message).HasColumnName("message");
            e.HasIndex(p => new { p.Priority, p.ParkedAt }).HasDatabaseName("ix_parked_writes_order");
        });

        modelBuilder.Entity<Lease>(e =>
        {
            e.ToTable("leases");
            e.HasKey(l => l.Name).HasName("pk_leases");
            e.Property(l => l.Name).HasColumnName("name").HasMaxLength(100);
            e.Property(l => l.Holder).HasColumnName("holder").HasMaxLength(100);
            e.Property(l => l.ExpiresAt).HasColumnName("expires_at");
        });

        modelBuilder.Entity<PollCheckpoint>(e =>
        {
            e.ToTable("poll_checkpoints");
            e.HasKey(c => c.Stream).HasName("pk_poll_checkpoints");
            e.Property(c => c.Stream).HasColumnName("stream").HasMaxLength(100);
            e.Property(c => c.LastModified).HasColumnName("last_modified");
            e.Property(c => c.PolledAt).HasColumnName("polled_at");
        });
    }
}

/// <summary>One Partner Central write, counted against the window until <see cref="At"/> is a window old.</summary>
public sealed class WriteLedgerEntry
{
    /// <summary>Store-assigned.</summary>
    public long Id { get; set; }

    /// <summary>
    /// When the write was granted, then when it completed (UTC): counting from the answer rather than the request errs
    /// on AWS's side, whose clock starts when the request arrives.
    /// </summary>
    public DateTime At { get; set; }

    /// <summary>The operation, e.g. <c>CreateOpportunity</c>.</summary>
    public required string Operation { get; set; }

    /// <summary>The write's key (see <see cref="PartnerCentralWrite.Key"/>).</summary>
    public required string Key { get; set; }

    /// <summary>Whether the call has ended; an entry left incomplete belongs to an instance that stopped mid-call.</summary>
    public bool Completed { get; set; }
}

/// <summary>What the budget learned from AWS's refusals; its one row also serializes every change of the budget.</summary>
public sealed class WriteBudgetState
{
    /// <summary>Always <see cref="ProcessorDbContext.BudgetStateId"/>.</summary>
    public int Id { get; set; }

    /// <summary>Increased by every change of the budget, which locks the row (in PostgreSQL and SQLite alike) until it commits.</summary>
    public long Version { get; set; }

    /// <summary>No write before this time (UTC): AWS refused one, and said or let us infer until when.</summary>
    public DateTime? BlockedUntil { get; set; }

    /// <summary>The quota <see cref="BlockedUntil"/> is about (see <see cref="BudgetReasons"/>).</summary>
    public string? BlockedBy { get; set; }

    /// <summary>
    /// The quota the last refusal was taken for, until a write completes: a second refusal without Retry-After right
    /// after one taken for the per-second quota must be the window's.
    /// </summary>
    public string? ThrottledBy { get; set; }
}

/// <summary>A write waiting for the budget: the message to send again, under its key.</summary>
public sealed class ParkedWrite
{
    /// <summary>See <see cref="PartnerCentralWrite.Key"/>; parking the same key again replaces the message.</summary>
    public required string Key { get; set; }

    /// <summary>The operation it will make.</summary>
    public required string Operation { get; set; }

    /// <summary>Priority work, released before updates.</summary>
    public bool Priority { get; set; }

    /// <summary>When the key was first parked (UTC): the oldest go first.</summary>
    public DateTime ParkedAt { get; set; }

    /// <summary>When it was last parked (UTC).</summary>
    public DateTime UpdatedAt { get; set; }

    /// <summary>Increased whenever the message is replaced: a release removes only the version it sent.</summary>
    public long Version { get; set; }

    /// <summary>Why it waits (see <see cref="BudgetReasons"/>).</summary>
    public required string Reason { get; set; }

    /// <summary>The message's type, as <see cref="ParkableMessages"/> names it.</summary>
    public required string MessageType { get; set; }

    /// <summary>The id it is sent again with: the id of the message parked last.</summary>
    public Guid? MessageId { get; set; }

    /// <summary>The message, as JSON.</summary>
    public required string Message { get; set; }
}

/// <summary>A lease: work that one instance at a time does, held until it expires or is given back.</summary>
public sealed class Lease
{
    /// <summary>The lease of releasing parked writes.</summary>
    public const string ParkedWriteRelease = "parked-write-release";

    /// <summary>A time long past: the expiry of a lease nobody holds.</summary>
    public static readonly DateTime LongAgo = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Its name.</summary>
    public required string Name { get; set; }

    /// <summary>The instance holding it, or null.</summary>
    public string? Holder { get; set; }

    /// <summary>When the holder's claim ends unless renewed (UTC).</summary>
    public DateTime ExpiresAt { get; set; }
}

/// <summary>Where the polls of one Partner Central list got to (see <c>Polling/StoredPollingCheckpoints</c>).</summary>
public sealed class PollCheckpoint
{
    /// <summary>The list polled, e.g. <c>partner-central-opportunities</c>.</summary>
    public required string Stream { get; set; }

    /// <summary>The newest <c>LastModifiedDate</c> published so far (UTC).</summary>
    public DateTime LastModified { get; set; }

    /// <summary>When the last completed poll started (UTC).</summary>
    public DateTime PolledAt { get; set; }
}
