using Switchyard.Operator.Failures;
using Switchyard.WebConsole.Failures;

namespace Switchyard.WebConsole.Pages;

/// <summary>One group: its problem and its messages.</summary>
internal sealed class FailedGroupModel(FailedMessageReader reader) : ConsolePage
{
    /// <summary>The group asked for.</summary>
    public string Fingerprint { get; private set; } = "";

    /// <summary>The group, or null when no message has the fingerprint.</summary>
    public FailureGroup? Group { get; private set; }

    /// <summary>Its messages, oldest first.</summary>
    public IReadOnlyList<FailedMessage> Messages { get; private set; } = [];

    /// <summary>Why nothing could be read.</summary>
    public string? Error { get; private set; }

    /// <summary>The page.</summary>
    public async Task OnGetAsync(string fingerprint, CancellationToken cancellationToken)
    {
        Fingerprint = fingerprint;
        try
        {
            var failures = await reader.ReadAsync(cancellationToken);
            Group = failures.Groups.FirstOrDefault(g => string.Equals(g.Fingerprint, fingerprint, StringComparison.OrdinalIgnoreCase));
            Messages = failures.Messages.Where(m => string.Equals(m.Fingerprint, fingerprint, StringComparison.OrdinalIgnoreCase)).ToList();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Error = $"The failed messages could not be read: {e.Message}";
        }
    }
}
