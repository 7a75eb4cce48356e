namespace Switchyard.Operator.Failures;

/// <summary>How a command that acts on failed messages went.</summary>
internal sealed class Tally
{
    readonly List<string> _problems = [];
    readonly List<string> _doneIds = [];

    /// <summary>Messages acted on: moved, deleted, exported or imported (in a dry run: would have been).</summary>
    public int Done { get; private set; }

    /// <summary>Messages selected but left alone, each with a reason in <see cref="Problems"/>.</summary>
    public int Skipped { get; private set; }

    /// <summary>Messages the broker would not let us act on, each with a reason in <see cref="Problems"/>.</summary>
    public int Failed { get; private set; }

    /// <summary>One line per skipped or failed message.</summary>
    public IReadOnlyList<string> Problems => _problems;

    /// <summary>True when everything selected was acted on.</summary>
    public bool Complete => Skipped == 0 && Failed == 0;

    /// <summary>The ids of the messages acted on, in order.</summary>
    public IReadOnlyList<string> DoneIds => _doneIds;

    public void CountDone(string messageId)
    {
        Done++;
        _doneIds.Add(messageId);
    }

    public void CountSkipped(string reason)
    {
        Skipped++;
        _problems.Add(reason);
    }

    public void CountFailed(string reason)
    {
        Failed++;
        _problems.Add(reason);
    }
}
