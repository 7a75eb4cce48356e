using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Switchyard.WebConsole.SignIn;

namespace Switchyard.WebConsole.Pages;

/// <summary>What every console page shares: who is signed in, and the refusal of changes by viewers.</summary>
public abstract class ConsolePage : PageModel
{
    /// <summary>The signed-in client's name.</summary>
    public string UserName => User.Identity?.Name ?? "";

    /// <summary>Whether the signed-in client may change things.</summary>
    public bool IsOperator => ConsoleRoles.IsOperator(User);

    /// <summary>403 for a viewer's post (a forged form or a stale page), through the console's own scheme; null for an operator.</summary>
    protected IActionResult? RefuseViewer() => IsOperator ? null : Forbid(ConsoleAuthentication.Scheme);

    /// <summary>A line shown once on the next page.</summary>
    protected void Notice(string text) => TempData["Notice"] = text;

    /// <summary>A problem shown once on the next page.</summary>
    protected void Problem(string text) => TempData["Problem"] = text;
}
