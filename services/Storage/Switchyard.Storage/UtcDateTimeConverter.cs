using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Switchyard.Storage;

/// <summary>
/// Marks times read back from the store as UTC, and stores local times as UTC: SQLite gives times back without a kind,
/// which would read as local time, and PostgreSQL's <c>timestamp with time zone</c> takes only UTC.
/// </summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
