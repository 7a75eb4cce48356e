using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Switchyard.Testing;

/// <summary>Records what a host logs at <see cref="LogLevel.Information"/> and above, for tests that check a log line.</summary>
public sealed class TestLogs : ILoggerProvider
{
    readonly ConcurrentQueue<LogEntry> _entries = new();

    /// <summary>Everything logged so far, in order.</summary>
    public IReadOnlyList<LogEntry> Entries => _entries.ToArray();

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    sealed class Logger(TestLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                logs._entries.Enqueue(new LogEntry(logLevel, category, formatter(state, exception)));
        }
    }
}

/// <summary>One log line.</summary>
public sealed record LogEntry(LogLevel Level, string Category, string Message);
