namespace Switchyard.Operator.Failures;

/// <summary>Failed messages that share a <see cref="Fingerprint"/>: one problem, however many messages it hit.</summary>
internal sealed record FailureGroup(
    string Fingerprint,
    string? ExceptionType,
    string Message,
    string? Frame,
    int Count,
    DateTimeOffset? FirstFailure,
    DateTimeOffset? LastFailure,
    IReadOnlyList<string> MessageTypes,
    IReadOnlyList<string> SourceQueues,
    IReadOnlyList<string> ErrorQueues)
{
    /// <summary>The groups in <paramref name="messages"/>, the most recent failure first.</summary>
    public static IReadOnlyList<FailureGroup> Of(IEnumerable<FailedMessage> messages) =>
        messages.GroupBy(m => m.Fingerprint, StringComparer.Ordinal)
            .Select(g =>
            {
                var first = g.First();
                var times = g.Select(m => m.Fault.Timestamp).OfType<DateTimeOffset>().ToList();
                return new FailureGroup(
                    g.Key,
                    first.Fault.ExceptionType,
                    Failures.Fingerprint.NormaliseMessage(first.Fault.Message),
                    NullIfEmpty(Failures.Fingerprint.FirstApplicationFrame(first.Fault.StackTrace)),
                    g.Count(),
                    times.Count == 0 ? null : times.Min(),
                    times.Count == 0 ? null : times.Max(),
                    Distinct(g.Select(m => m.MessageType)),
                    Distinct(g.Select(m => m.SourceQueue)),
                    Distinct(g.Select(m => m.ErrorQueue)));
            })
            .OrderByDescending(g => g.LastFailure ?? DateTimeOffset.MinValue)
            .ThenByDescending(g => g.Count)
            .ToList();

    static List<string> Distinct(IEnumerable<string?> values) =>
        values.OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}
