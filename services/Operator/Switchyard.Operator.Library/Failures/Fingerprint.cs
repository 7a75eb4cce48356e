using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Switchyard.Hosting.ErrorQueues;

namespace Switchyard.Operator.Failures;

/// <summary>
/// What makes two failures "the same problem": the exception type, its message with the values that differ from one
/// message to the next taken out, and the first stack frame in application code. Twelve hex digits of a SHA-256 over
/// those three, so an operator can type it.
/// </summary>
internal static partial class Fingerprint
{
    /// <summary>Frames from these namespaces are plumbing, not where the problem is.</summary>
    static readonly string[] FrameworkNamespaces =
        ["System.", "Microsoft.", "MassTransit.", "RabbitMQ.", "Amazon.", "Npgsql.", "Polly.", "Serilog.", "Spectre.", "GreenPipes."];

    /// <summary>The fingerprint of a failure.</summary>
    public static string Of(FaultDetails fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        var text = $"{fault.ExceptionType}\n{NormaliseMessage(fault.Message)}\n{FirstApplicationFrame(fault.StackTrace)}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];
    }

    /// <summary>
    /// The message with ids, numbers, addresses, quoted values and times replaced by placeholders, so "deal 4242 not
    /// found" and "deal 4243 not found" read the same.
    /// </summary>
    public static string NormaliseMessage(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
            return "";
        var text = message.Trim();
        text = Urls().Replace(text, "<url>");
        text = Emails().Replace(text, "<email>");
        text = Guids().Replace(text, "<guid>");
        text = Timestamps().Replace(text, "<time>");
        text = Quoted().Replace(text, m => $"{m.Value[0]}…{m.Value[^1]}");
        text = HexRuns().Replace(text, "<hex>");
        text = Identifiers().Replace(text, "<id>");
        text = Numbers().Replace(text, "<n>");
        return Whitespace().Replace(text, " ");
    }

    /// <summary>
    /// The first frame of the stack trace in Switchyard's code, else the first outside the frameworks, else the first;
    /// without file and line, which move with every build.
    /// </summary>
    public static string FirstApplicationFrame(string? stackTrace)
    {
        if (string.IsNullOrWhiteSpace(stackTrace))
            return "";

        var frames = stackTrace.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("at ", StringComparison.Ordinal))
            .Select(line => StripLocation(line[3..]))
            .ToList();
        return frames.FirstOrDefault(f => f.StartsWith("Switchyard.", StringComparison.Ordinal))
               ?? frames.FirstOrDefault(f => !FrameworkNamespaces.Any(ns => f.StartsWith(ns, StringComparison.Ordinal)))
               ?? frames.FirstOrDefault()
               ?? "";
    }

    static string StripLocation(string frame)
    {
        var at = frame.IndexOf(" in ", StringComparison.Ordinal);
        return at < 0 ? frame : frame[..at];
    }

    [GeneratedRegex(@"\b[a-z][a-z0-9+.-]*://[^\s'""<>]+", RegexOptions.IgnoreCase)]
    private static partial Regex Urls();

    [GeneratedRegex(@"\b[^\s@'""]+@[^\s@'""]+\.[a-z]{2,}\b", RegexOptions.IgnoreCase)]
    private static partial Regex Emails();

    [GeneratedRegex(@"\b[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\b", RegexOptions.IgnoreCase)]
    private static partial Regex Guids();

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?")]
    private static partial Regex Timestamps();

    [GeneratedRegex(@"'[^']*'|""[^""]*""")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"\b(0x)?(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b", RegexOptions.IgnoreCase)]
    private static partial Regex HexRuns();

    /// <summary>Long words that mix letters and digits: generated ids such as hook_8b70aa49e0cb90286a69d850 or INV-000123.</summary>
    [GeneratedRegex(@"(?<![\w-])(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[\w-]{8,}(?![\w-])")]
    private static partial Regex Identifiers();

    [GeneratedRegex(@"(?<![A-Za-z])[-+]?\d+([.,]\d+)*")]
    private static partial Regex Numbers();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
