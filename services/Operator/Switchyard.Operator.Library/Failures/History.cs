using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchyard.Operator.Failures;

/// <summary>One command that changed error queues: who ran it, on what, and how it went.</summary>
internal sealed record HistoryEntry
{
    [JsonPropertyName("at")]
    public required DateTimeOffset At { get; init; }

    [JsonPropertyName("user")]
    public required string User { get; init; }

    [JsonPropertyName("broker")]
    public required string Broker { get; init; }

    /// <summary>replay, purge or import.</summary>
    [JsonPropertyName("action")]
    public required string Action { get; init; }

    /// <summary>all, group &lt;fingerprint&gt;, n message id(s), or the imported file.</summary>
    [JsonPropertyName("selection")]
    public required string Selection { get; init; }

    [JsonPropertyName("queue")]
    public string? Queue { get; init; }

    [JsonPropertyName("to")]
    public string? To { get; init; }

    [JsonPropertyName("done")]
    public int Done { get; init; }

    [JsonPropertyName("skipped")]
    public int Skipped { get; init; }

    [JsonPropertyName("failed")]
    public int Failed { get; init; }

    /// <summary>The ids of the messages acted on, so a later question ("was this one replayed?") has an answer.</summary>
    [JsonPropertyName("messageIds")]
    public IReadOnlyList<string> MessageIds { get; init; } = [];
}

/// <summary>
/// The operator's log of replays, purges and imports, one JSON line each, in a file on the operator's machine
/// (<c>Operator:HistoryFile</c>). Dry runs are not recorded: they change nothing.
/// </summary>
internal sealed class History(string path)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public string Path { get; } = path;

    /// <summary>The default place: the user's state folder (XDG), else the local application data folder.</summary>
    public static string DefaultPath()
    {
        var state = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
        if (string.IsNullOrEmpty(state))
        {
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            state = string.IsNullOrEmpty(home)
                ? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData)
                : System.IO.Path.Combine(home, ".local", "state");
        }
        return System.IO.Path.Combine(state, "switchyard", "operator-history.jsonl");
    }

    public async Task AppendAsync(HistoryEntry entry, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        await File.AppendAllTextAsync(Path, JsonSerializer.Serialize(entry, Json) + "\n", cancellationToken);
    }

    /// <summary>The last <paramref name="count"/> entries, oldest first; lines this version cannot read are passed over.</summary>
    public async Task<IReadOnlyList<HistoryEntry>> ReadAsync(int count, CancellationToken cancellationToken)
    {
        if (!File.Exists(Path))
            return [];
        var entries = new List<HistoryEntry>();
        foreach (var line in await File.ReadAllLinesAsync(Path, cancellationToken))
        {
            try
            {
                if (!string.IsNullOrWhiteSpace(line) && JsonSerializer.Deserialize<HistoryEntry>(line, Json) is { } entry)
                    entries.Add(entry);
            }
            catch (JsonException)
            {
                // A line cut short by a crash, or written by another version: the rest still counts.
            }
        }
        return entries.TakeLast(count).ToList();
    }
}
