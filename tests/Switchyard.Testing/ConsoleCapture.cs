using System.Text.Json;

namespace Switchyard.Testing;

/// <summary>
/// What the process writes to standard output while it lives, e.g. a host's log lines exactly as a user sees them.
/// Standard output belongs to the whole process: use it only in a test collection that runs alone
/// (<see cref="Collection"/>).
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

    /// <summary>The lines so far, each parsed as a JSON object (fails on any line that is not one).</summary>
    public IReadOnlyList<JsonElement> JsonLines => Lines.Select(line => JsonDocument.Parse(line).RootElement).ToList();

    /// <summary>Gives standard output back.</summary>
    public void Dispose() => Console.SetOut(_original);
}

