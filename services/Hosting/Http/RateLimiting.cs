using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using System.Threading.RateLimiting;

namespace Switchyard.Hosting.Http;

/// <summary>
/// ASP.NET Core's rate limiter, answering with 429 problem details and <c>Retry-After</c>. Modules add named policies
/// and put them on their endpoints with <c>RequireRateLimiting</c>.
/// </summary>
public static class RateLimiting
{
    /// <summary>Registers the limiter with Switchyard's rejection response.</summary>
    public static IServiceCollection AddSwitchyardRateLimiter(this IServiceCollection services) =>
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter =
                    Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                await ProblemResults.Create(StatusCodes.Status429TooManyRequests, ProblemTypes.TooManyRequests,
                        $"Too many requests from this address; retry in {Math.Ceiling(retryAfter.TotalSeconds)} seconds.")
                    .ExecuteAsync(context.HttpContext);
            };
        });

    /// <summary>A policy allowing <paramref name="permitsPerMinute"/> requests per minute from each client address.</summary>
    public static RateLimiterOptions AddPerAddressPolicy(this RateLimiterOptions options, string policyName, int permitsPerMinute) =>
        options.AddPolicy(policyName, context => RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
}
