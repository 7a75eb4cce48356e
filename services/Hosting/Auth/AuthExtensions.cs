using Microsoft.AspNetCore.Authentication.JwtBearer;
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
    /// <summary>Adds the <c>Auth</c> options, the token service and the bearer scheme, ASP.NET Core's JwtBearer (idempotent).</summary>
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
        // The default scheme, so it reads every request's Authorization header; one without a bearer token (none,
        // Basic, AWS4-HMAC-SHA256, ...) is not a failure until an endpoint that needs a token challenges it.
        services.AddAuthentication(BearerScheme.Name).AddJwtBearer(BearerScheme.Name);
        services.AddOptions<JwtBearerOptions>(BearerScheme.Name).Configure<TokenService>(BearerScheme.Configure);
        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(new AuthorizationPolicyBuilder(BearerScheme.Name).RequireAuthenticatedUser().Build());
        return services;
    }
}
