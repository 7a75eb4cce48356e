using System.Diagnostics.CodeAnalysis;

// "Operator" is a keyword in Visual Basic only; these test classes are public because xUnit runs public classes, and no
// other language will ever consume them.
[assembly: SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Scope = "namespace",
    Target = "~N:Switchyard.Operator.Tests.RabbitMq", Justification = "Test classes, consumed by xUnit only.")]
