using System.Text;
using System.Text.Json;
using Switchyard.Operator.Failures;
using Switchyard.WebConsole.Failures;

namespace Switchyard.WebConsole.Pages;

/// <summary>One failed message whole: fault, stack trace, headers, body.</summary>
internal sealed class FailedMessageModel(FailedMessageSnapshot snapshot) : ConsolePage
{
    const int MaxBodyCharacters = 64 * 1024;

    /// <summary>The message id asked for.</summary>
    public string Id { get; private set; } = "";

    /// <summary>The message, or null when no error queue holds it.</summary>
    public FailedMessage? Message { get; private set; }

    /// <summary>The body as text, indented when it is JSON, cut at 64 KiB.</summary>
    public string Body { get; private set; } = "";

    /// <summary>Why nothing could be read.</summary>
    public string? Error { get; private set; }

    /// <summary>When the message shown was read from the broker.</summary>
    public DateTimeOffset? ReadAt { get; private set; }

    /// <summary>The page; <paramref name="fresh"/> reads the broker again rather than show the last read.</summary>
    public async Task OnGetAsync(string id, bool fresh, CancellationToken cancellationToken)
    {
        Id = id;
        try
        {
            var failures = await snapshot.GetAsync(fresh, cancellationToken);
            // A message newer than the last read (a link from the tool or a log line): the broker is read for it.
            if (!fresh && failures.Find(id) is null)
                failures = await snapshot.GetAsync(fresh: true, cancellationToken);
            Message = failures.Find(id);
            ReadAt = failures.ReadAt;
            if (Message is not null)
                Body = Render(Message.Message.Body);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Error = $"The failed messages could not be read: {e.Message}";
        }
    }

    static string Render(byte[] body)
    {
        string text;
        try
        {
            using var document = JsonDocument.Parse(body);
            text = JsonSerializer.Serialize(document.RootElement, Indented);
        }
        catch (JsonException)
        {
            text = Encoding.UTF8.GetString(body);
        }

        return text.Length <= MaxBodyCharacters ? text : text[..MaxBodyCharacters] + $"\n… ({text.Length - MaxBodyCharacters} more characters: export the message to see it all)";
    }

    // Indented and unescaped: the page encodes it as HTML, so "+" and non-ASCII letters can be shown as they are.
    static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
