using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Switchyard.Receipt.Publishing;

namespace Switchyard.Receipt.Tests;

/// <summary>An outage that refuses many requests is two lines at Information and above, not an error per request.</summary>
public class PublishRefusalsTests
{
    [Fact]
    public void Refusals_are_announced_once_logged_each_at_Debug_and_counted_when_publishes_are_confirmed_again()
    {
        var log = new Lines();
        var refusals = new PublishRefusals(new LoggerFactory([log]).CreateLogger<PublishRefusals>());

        refusals.Confirmed();
        for (var i = 0; i < 40; i++)
            refusals.Refused(1, "HubSpotEventReceived", Guid.Empty, "no confirmation within 3 s (Receipt:PublishTimeout)");
        refusals.Confirmed();
        refusals.Confirmed();

        var visible = log.All.Where(l => l.Level >= LogLevel.Information).ToList();
        visible.Count.ShouldBe(2);
        visible[0].ShouldBe((LogLevel.Warning, "The broker does not confirm publishes (no confirmation within 3 s (Receipt:PublishTimeout)): " +
                                               "refusing requests with 503 until it does; each refusal is logged at Debug."));
        visible[1].ShouldBe((LogLevel.Information, "The broker confirms publishes again; 40 request(s) were refused with 503 meanwhile."));
        log.All.Count(l => l.Level == LogLevel.Debug).ShouldBe(40);
    }

    sealed class Lines : ILoggerProvider, ILogger
    {
        readonly ConcurrentQueue<(LogLevel Level, string Message)> _lines = new();

        public IReadOnlyList<(LogLevel Level, string Message)> All => _lines.ToArray();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _lines.Enqueue((logLevel, formatter(state, exception)));

        public void Dispose()
        {
        }
    }
}
