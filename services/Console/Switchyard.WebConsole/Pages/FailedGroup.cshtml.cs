using Switchyard.Operator.Failures;
using Switchyard.WebConsole.Failures;

namespace Switchyard.WebConsole.Pages;

/// <summary>One group: its problem and its messages.</summary>
internal sealed class FailedGroupModel(FailedMessageSnapshot snapshot) : ConsolePage
{
    /// <summary>The group asked for.</summary>
    public string Fingerprint { get; private set; } = "";

    /// <summary>The group, or null when no message has the fingerprint.</summary>
    public FailureGroup? Group { get; private set; }

    /// <summary>Its messages, oldest first.</summary>
    public IReadOnlyList<FailedMessage> Messages { get; private set; } = [];

    /// <summary>Why nothing could be read.</summary>
    public string? Error { get; private set; }

    /// <summary>When the messages shown were read from the broker.</summary>
    public DateTimeOffset? ReadAt { get; private set; }

    /// <summary>The page; <paramref name="fresh"/> reads the broker again rather than show the last read.</summary>
    public async Task OnGetAsync(string fingerprint, bool fresh, CancellationToken cancellationToken)
    {
        Fingerprint = fingerprint;
        try
        {
            var failures = await snapshot.GetAsync(fresh, cancellationToken);
            // A group newer than the last read (a link from the tool, or a failure since): the broker is read for it.
            if (!fresh && Of(failures) is null)
                failures = await snapshot.GetAsync(fresh: true, cancellationToken);
            Group = Of(failures);
            Messages = failures.InGroup(fingerprint);
            ReadAt = failures.ReadAt;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Error = $"The failed messages could not be read: {e.Message}";
        }
    }

    FailureGroup? Of(FailedMessages failures) =>
        failures.Groups.FirstOrDefault(g => string.Equals(g.Fingerprint, Fingerprint, StringComparison.OrdinalIgnoreCase));
}
