using System.Globalization;
using System.Text.Json;

namespace Switchyard.Operator.Cli;

/// <summary>How the tool writes times, ages and JSON.</summary>
internal static class Formatting
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>"45s", "12m 3s", "5h 2m", "3d 4h".</summary>
    public static string Age(TimeSpan age)
    {
        if (age < TimeSpan.Zero)
            age = TimeSpan.Zero;
        return age.TotalMinutes < 1 ? $"{(int)age.TotalSeconds}s"
            : age.TotalHours < 1 ? $"{(int)age.TotalMinutes}m {age.Seconds}s"
            : age.TotalDays < 1 ? $"{(int)age.TotalHours}h {age.Minutes}m"
            : $"{(int)age.TotalDays}d {age.Hours}h";
    }

    public static string Time(DateTimeOffset? time) =>
        time?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";

    /// <summary>The last part of a type name, for tables (JSON and show keep the whole name).</summary>
    public static string ShortTypeName(string? type) =>
        string.IsNullOrEmpty(type) ? "-" : type[(type.LastIndexOf('.') + 1)..];

    public static string Count(long? count) => count?.ToString(CultureInfo.InvariantCulture) ?? "-";
}
