using System.Globalization;

namespace Switchyard.WebConsole.Pages;

/// <summary>How pages write times, ages and counts: UTC, the same everywhere, whatever the browser's locale.</summary>
public static class Format
{
    /// <summary>A time in UTC, or a dash.</summary>
    public static string Time(DateTimeOffset? time) =>
        time is { } t ? t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC" : "–";

    /// <summary>A UTC time, or a dash.</summary>
    public static string Time(DateTime? time) =>
        time is { } t ? Time(new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc))) : "–";

    /// <summary>How long ago, roughly: "42 s", "5 min", "3 h", "2 d".</summary>
    public static string Age(DateTimeOffset? time, DateTimeOffset now)
    {
        if (time is not { } t)
            return "–";
        var age = now - t;
        if (age < TimeSpan.Zero)
            age = TimeSpan.Zero;
        return age.TotalSeconds < 90 ? $"{age.TotalSeconds:0} s"
            : age.TotalMinutes < 90 ? $"{age.TotalMinutes:0} min"
            : age.TotalHours < 36 ? $"{age.TotalHours:0} h"
            : $"{age.TotalDays:0} d";
    }

    /// <summary>A number with thousands separators.</summary>
    public static string Count(long? n) => n is { } v ? v.ToString("#,0", CultureInfo.InvariantCulture) : "–";

    /// <summary>A URL template's placeholders replaced.</summary>
    public static string Link(string template, long portalId, long dealId, string? opportunityId) => template
        .Replace("{portalId}", portalId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{dealId}", dealId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{opportunityId}", Uri.EscapeDataString(opportunityId ?? ""), StringComparison.Ordinal);

    /// <summary>At most <paramref name="length"/> characters.</summary>
    public static string Cut(string? text, int length) =>
        text is null ? "" : text.Length <= length ? text : text[..(length - 1)] + "…";
}
