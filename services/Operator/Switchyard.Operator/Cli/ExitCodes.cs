namespace Switchyard.Operator.Cli;

/// <summary>What the tool's exit code means.</summary>
internal static class ExitCodes
{
    /// <summary>Everything asked for was done.</summary>
    public const int Success = 0;

    /// <summary>Some of it was not (skipped or failed messages, an unreachable broker); the output says which.</summary>
    public const int Partial = 1;

    /// <summary>The command line or configuration is wrong; nothing was done.</summary>
    public const int Usage = 2;
}
