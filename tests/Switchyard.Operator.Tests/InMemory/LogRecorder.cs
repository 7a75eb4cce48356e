using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Switchyard.Operator.Tests.InMemory;

/// <summary>Records what the host logs at warning and above, to check that a refusal is logged.</summary>
internal sealed class LogRecorder : ILoggerProvider
{
    readonly ConcurrentQueue<(LogLevel Level, string Message)> _entries = new();

    public IReadOnlyList<(LogLevel Level, string Message)> Entries => _entries.ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    sealed class Logger(LogRecorder recorder) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                recorder._entries.Enqueue((logLevel, formatter(state, exception)));
        }
    }
}
