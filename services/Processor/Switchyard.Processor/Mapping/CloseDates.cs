using System.Globalization;

namespace Switchyard.Processor.Mapping;

/// <summary>Turns HubSpot's <c>closedate</c> into Partner Central's <c>LifeCycle.TargetCloseDate</c>.</summary>
public static class CloseDates
{
    /// <summary>Partner Central's date format.</summary>
    public const string Format = "yyyy-MM-dd";

    /// <summary>
    /// The date a HubSpot <c>closedate</c> holds, or null when it holds none. HubSpot writes ISO 8601 date-times
    /// (<c>2025-03-31T00:00:00Z</c>, with or without fractions) or dates; older portals write epoch milliseconds.
    /// </summary>
    /// <remarks>
    /// The date is the UTC date: HubSpot stores a date picked in its UI as midnight UTC of that day, and a time
    /// zone's offset would move it to the day before for every portal west of Greenwich.
    /// </remarks>
    public static DateOnly? Parse(string? value)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
            return null;

        if (text.All(char.IsAsciiDigit) || (text[0] == '-' && text.Length > 1 && text[1..].All(char.IsAsciiDigit)))
        {
            if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var milliseconds)
                || milliseconds < DateTimeOffset.MinValue.ToUnixTimeMilliseconds()
                || milliseconds > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
                return null;
            return DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(milliseconds).UtcDateTime);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed)
            ? DateOnly.FromDateTime(parsed.UtcDateTime)
            : null;
    }

    /// <summary>
    /// <c>LifeCycle.TargetCloseDate</c>: the deal's close date when it is today or later, otherwise (missing,
    /// unreadable or past, which Partner Central refuses) today plus <paramref name="fallbackDays"/>.
    /// </summary>
    public static string Target(string? closeDate, DateOnly today, int fallbackDays) =>
        (Future(closeDate, today) ?? today.AddDays(fallbackDays)).ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>The deal's close date when it is today or later; otherwise null.</summary>
    public static DateOnly? Future(string? closeDate, DateOnly today) =>
        Parse(closeDate) is { } date && date >= today ? date : null;

    /// <summary>Whether <paramref name="value"/> is a Partner Central date (<c>YYYY-MM-DD</c>) of today or later.</summary>
    public static bool IsTodayOrLater(string? value, DateOnly today) =>
        DateOnly.TryParseExact(value, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date >= today;
}
