namespace Switchyard.Operator;

/// <summary>The command line asks for something that cannot be done as asked; the message says how to fix it.</summary>
internal sealed class UsageException(string message) : Exception(message);
