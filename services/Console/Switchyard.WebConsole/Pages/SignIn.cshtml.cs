using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Switchyard.Hosting.Auth;
using Switchyard.WebConsole.SignIn;

namespace Switchyard.WebConsole.Pages;

/// <summary>Sign in with an API client's name and key; sign out.</summary>
public sealed class SignInModel(TokenService tokens, IOptions<ConsoleOptions> options) : PageModel
{
    /// <summary>Where to go after signing in: a path of this console only.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The name typed, kept after a refusal (never the key).</summary>
    public string? Client { get; private set; }

    /// <summary>Why the sign-in was refused.</summary>
    public string? Refusal { get; private set; }

    /// <summary>Checks the name and key as <c>POST /token</c> does, then opens a session in the client's role.</summary>
    public async Task<IActionResult> OnPostAsync(string? client, string? key)
    {
        Client = client;
        var found = tokens.FindClient(client, key);
        if (found is null)
        {
            Refusal = "The name and key do not match an API client.";
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        if (ConsoleRoles.Of(options.Value, found.Name) is not { } role)
        {
            Refusal = $"Client '{found.Name}' has no role in the console: add it to Console:Operators or Console:Viewers.";
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, found.Name), new Claim(ClaimTypes.Role, role)],
            ConsoleAuthentication.Scheme, ClaimTypes.Name, ClaimTypes.Role);
        await HttpContext.SignInAsync(ConsoleAuthentication.Scheme, new ClaimsPrincipal(identity));
        return LocalRedirect(ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) ? url : "/");
    }

    /// <summary>Ends the session.</summary>
    public async Task<IActionResult> OnPostSignOutAsync()
    {
        await HttpContext.SignOutAsync(ConsoleAuthentication.Scheme);
        return LocalRedirect(ConsoleAuthentication.SignInPath);
    }
}
