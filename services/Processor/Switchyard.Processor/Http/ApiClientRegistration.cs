using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Refit;

namespace Switchyard.Processor.Http;

/// <summary>What the processor's API clients (HubSpot's CRM, Partner Central Selling) share in how they are registered.</summary>
internal static class ApiClientRegistration
{
    /// <summary>
    /// Registers <typeparamref name="TApi"/> as a Refit client (generated at build time) through <c>IHttpClientFactory</c>
    /// under <paramref name="name"/>: JSON bodies as <paramref name="json"/> writes them, sent with their length; the
    /// API's handlers from <paramref name="addHandlers"/>, outermost first, then one deadline per exchange, answer body
    /// included; the exceptions the handlers throw, and the caller's cancellation, passed to the caller as they are;
    /// a 2xx answer that cannot be read as <paramref name="unreadable"/> makes it.
    /// </summary>
    public static IHttpClientBuilder AddApiClient<TApi>(this IServiceCollection services, string name, JsonSerializerOptions json,
        Func<IServiceProvider, Uri> baseAddress, Func<IServiceProvider, TimeSpan> deadline,
        Func<IServiceProvider, HttpResponseMessage, Exception, Exception> unreadable, Action<IHttpClientBuilder> addHandlers)
        where TApi : class
    {
        var builder = services.AddRefitGeneratedClient<TApi>(provider => new RefitSettings(new SystemTextJsonContentSerializer(json))
            {
                RequestBodySerialization = RequestBodySerializationMode.Buffered,
                TransportExceptionFactory = static (_, exception, _) => exception,
                DeserializationExceptionFactory = (response, exception) => new ValueTask<Exception?>(unreadable(provider, response, exception)),
            }, name)
            .ConfigureHttpClient((provider, http) =>
            {
                http.BaseAddress = baseAddress(provider);
                // RequestDeadlineHandler gives every exchange its own.
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            // Neither API redirects its calls, and a signed request must reach the host it was signed for.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        addHandlers(builder);
        return builder.AddHttpMessageHandler(provider => new RequestDeadlineHandler(() => deadline(provider)));
    }
}
