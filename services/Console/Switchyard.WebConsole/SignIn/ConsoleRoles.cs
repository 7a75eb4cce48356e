using System.Security.Claims;

namespace Switchyard.WebConsole.SignIn;

/// <summary>The two roles of the console, and the policies that require them.</summary>
public static class ConsoleRoles
{
    /// <summary>May change things.</summary>
    public const string Operator = "operator";

    /// <summary>May look.</summary>
    public const string Viewer = "viewer";

    /// <summary>Signed in to the console, in either role.</summary>
    public const string ViewPolicy = "console-view";

    /// <summary>Signed in to the console as an operator.</summary>
    public const string OperatePolicy = "console-operate";

    /// <summary>The role of client <paramref name="name"/>, or null when it may not sign in.</summary>
    public static string? Of(ConsoleOptions options, string name) =>
        options.Operators.Contains(name, StringComparer.Ordinal) ? Operator
        : options.Viewers.Contains(name, StringComparer.Ordinal) ? Viewer
        : null;

    /// <summary>Whether the signed-in user is an operator.</summary>
    public static bool IsOperator(ClaimsPrincipal user) => user.IsInRole(Operator);
}
