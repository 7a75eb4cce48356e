using System.Text.Json;

namespace Switchyard.Testing;

/// <summary>
/// What the process writes to standard output while it lives, e.g. a host's log lines exactly as a user sees them.
/// Standard output belongs to the whole process: use it only in a test collection that runs alone
/// (<see cref="Collection"/>), and pick out the lines of the host under test, because a host of an earlier test may
/// still be writing (a bus retrying a broker it never reached).
/// </summary>
public sealed class ConsoleCapture : IDisposable
{
    /// <summary>
    /// The test collection whose tests capture standard output; each test assembly defines it with
    /// <c>[CollectionDefinition(ConsoleCapture.Collection, DisableParallelization = true)]</c>.
    /// </summary>
    public const string Collection = "Standard output";

    readonly TextWriter _original;
    readonly StringWriter _buffer = new();
    readonly TextWriter _writer;

    /// <summary>Starts capturing.</summary>
    public ConsoleCapture()
    {
        _original = Console.Out;
        _writer = TextWriter.Synchronized(_buffer);
        Console.SetOut(_writer);
    }

    /// <summary>The non-empty lines written so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            // The synchronized writer locks itself for every write.
            lock (_writer)
                return _buffer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
    }

    /// <summary>The lines so far that are JSON objects, parsed (fails on a line that starts as one and is not).</summary>
    public IReadOnlyList<JsonElement> JsonLines => Lines.Where(line => line.StartsWith('{')).Select(Parse).ToList();

    /// <summary>The lines so far that are not JSON objects.</summary>
    public IReadOnlyList<string> OtherLines => Lines.Where(line => !line.StartsWith('{')).ToList();

    static JsonElement Parse(string line)
    {
        try
        {
            return JsonDocument.Parse(line).RootElement;
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"Not a JSON object: {line}", e);
        }
    }

    /// <summary>Gives standard output back.</summary>
    public void Dispose() => Console.SetOut(_original);
}

