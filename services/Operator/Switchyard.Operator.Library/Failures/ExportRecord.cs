using System.Text.Json;
using System.Text.Json.Serialization;
using Switchyard.Hosting.ErrorQueues;

namespace Switchyard.Operator.Failures;

/// <summary>
/// One line of an export file: everything needed to put the message back into its error queue later, on this or
/// another broker: the error queue, the message (id, headers, body in base64, byte for byte) and the fault, which on
/// transports that keep few headers is not all in the headers.
/// </summary>
internal sealed record ExportRecord
{
    /// <summary>The format of the line; readers refuse formats they do not know.</summary>
    public const string CurrentFormat = "switchyard-error/1";

    [JsonPropertyName("format")]
    public string Format { get; init; } = CurrentFormat;

    [JsonPropertyName("queue")]
    public required string Queue { get; init; }

    [JsonPropertyName("message")]
    public required TransportMessage Message { get; init; }

    [JsonPropertyName("fault")]
    public FaultDetails Fault { get; init; } = new();

    public static ExportRecord Of(FailedMessage message) =>
        new() { Queue = message.ErrorQueue, Message = message.Message, Fault = message.Fault };

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>
/// Writes an export to a file next to the target and renames it into place at the end, so a run that fails half-way
/// leaves no half-written export behind.
/// </summary>
internal sealed class ExportWriter : IAsyncDisposable
{
    readonly string _path;
    readonly string _temporary;
    readonly StreamWriter _writer;
    bool _committed;

    ExportWriter(string path)
    {
        _path = path;
        _temporary = $"{path}.{Environment.ProcessId}.partial";
        _writer = new StreamWriter(new FileStream(_temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None), new System.Text.UTF8Encoding(false));
    }

    public static ExportWriter Create(string path) => new(Path.GetFullPath(path));

    public async Task WriteAsync(ExportRecord record, CancellationToken cancellationToken)
    {
        await _writer.WriteLineAsync(JsonSerializer.Serialize(record, ExportRecord.Json).AsMemory(), cancellationToken);
    }

    /// <summary>Flushes to disk and moves the file into place.</summary>
    public async Task CommitAsync(bool overwrite)
    {
        await _writer.FlushAsync();
        await ((FileStream)_writer.BaseStream).FlushAsync();
        ((FileStream)_writer.BaseStream).Flush(flushToDisk: true);
        await _writer.DisposeAsync();
        File.Move(_temporary, _path, overwrite);
        _committed = true;
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        if (!_committed)
            File.Delete(_temporary);
    }
}

/// <summary>Reads a whole export file, checking every line before anything is imported.</summary>
internal static class ExportReader
{
    /// <exception cref="InvalidExportException">A line is not a record this version can import.</exception>
    public static async Task<IReadOnlyList<ExportRecord>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var records = new List<ExportRecord>();
        var number = 0;
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            ExportRecord? record;
            try
            {
                record = JsonSerializer.Deserialize<ExportRecord>(line, ExportRecord.Json);
            }
            catch (JsonException e)
            {
                throw new InvalidExportException(path, number, $"not a JSON record ({FirstSentence(e.Message)})");
            }

            if (record is null)
                throw new InvalidExportException(path, number, "empty record");
            if (record.Format != ExportRecord.CurrentFormat)
                throw new InvalidExportException(path, number, $"format '{record.Format}' is not '{ExportRecord.CurrentFormat}'");
            if (string.IsNullOrWhiteSpace(record.Queue) || !ErrorQueueNames.IsErrorQueue(record.Queue))
                throw new InvalidExportException(path, number, $"queue '{record.Queue}' is not an error queue");
            if (string.IsNullOrWhiteSpace(record.Message.MessageId))
                throw new InvalidExportException(path, number, "the message has no messageId");
            if (record.Message.Body is null)
                throw new InvalidExportException(path, number, "the message has no body");
            records.Add(record);
        }
        return records;
    }

    static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }
}

/// <summary>An export file cannot be imported; nothing was.</summary>
internal sealed class InvalidExportException(string path, int line, string problem)
    : Exception($"{path} line {line}: {problem}; nothing was imported");
