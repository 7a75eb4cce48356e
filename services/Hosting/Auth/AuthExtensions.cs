using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Switchyard.Hosting.Auth;

/// <summary>Bearer-token authentication, shared by every service that accepts the tokens of <c>POST /token</c>.</summary>
public static class AuthExtensions
{
    /// <summary>Adds the <c>Auth</c> options, the token service and the bearer scheme (idempotent).</summary>
    public static IHostApplicationBuilder AddSwitchyardAuth(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSwitchyardAuth(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// Adds the <c>Auth</c> options, the token service and the bearer scheme (idempotent), for registrations that have
    /// the services and the configuration but not the builder.
    /// </summary>
    public static IServiceCollection AddSwitchyardAuth(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(TokenService)))
            return services;

        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>());
        services.AddSingleton<TokenService>();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(new AuthorizationPolicyBuilder(BearerTokenHandler.SchemeName).RequireAuthenticatedUser().Build());
        return services;
    }
}
