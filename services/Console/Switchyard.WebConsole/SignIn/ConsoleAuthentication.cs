using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Switchyard.WebConsole.SignIn;

/// <summary>
/// The console's sign-in: a client of <c>Auth:ApiKeys</c> signs in with its name and key and gets a cookie session
/// (its own scheme, beside the API's bearer tokens), in the role <c>Console:Operators</c> or <c>Console:Viewers</c>
/// gives it.
/// </summary>
public static class ConsoleAuthentication
{
    /// <summary>The cookie scheme's name.</summary>
    public const string Scheme = "SwitchyardConsole";

    /// <summary>Where a request without a session is sent.</summary>
    public const string SignInPath = "/console/sign-in";

    /// <summary>Adds the cookie scheme and the two policies.</summary>
    public static IServiceCollection AddConsoleAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication().AddCookie(Scheme);
        services.AddOptions<CookieAuthenticationOptions>(Scheme).Configure<IOptions<ConsoleOptions>>((cookie, console) =>
        {
            cookie.Cookie.Name = "switchyard-console";
            cookie.Cookie.HttpOnly = true;
            // Strict: no other site's page can send a request with the session (antiforgery tokens are the second lock).
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.LoginPath = SignInPath;
            cookie.ExpireTimeSpan = console.Value.SessionLifetime;
            cookie.SlidingExpiration = true;
            // A viewer's post to an operator's action is refused with 403, not sent to another page.
            cookie.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(ConsoleRoles.ViewPolicy, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser()
                .RequireRole(ConsoleRoles.Viewer, ConsoleRoles.Operator))
            .AddPolicy(ConsoleRoles.OperatePolicy, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser()
                .RequireRole(ConsoleRoles.Operator));
        return services;
    }
}
