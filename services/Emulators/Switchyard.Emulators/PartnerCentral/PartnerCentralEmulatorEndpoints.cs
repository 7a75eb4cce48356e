using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Switchyard.Emulators.PartnerCentral;

/// <summary>Registers the Partner Central emulator and serves its AWS JSON 1.0 endpoint.</summary>
public static class PartnerCentralEmulatorEndpoints
{
    /// <summary>The <c>X-Amz-Target</c> prefix of every operation.</summary>
    public const string TargetPrefix = "AWSPartnerCentralSelling.";

    /// <summary>The content type of AWS JSON 1.0 requests and responses.</summary>
    public const string ContentType = "application/x-amz-json-1.0";

    const int MaxBodyBytes = 1024 * 1024;

    static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Registers <see cref="PartnerCentralEmulator"/> as a singleton with options from <paramref name="configuration"/>
    /// (the <c>Emulators:PartnerCentral</c> section), checked at start-up.
    /// </summary>
    public static IServiceCollection AddPartnerCentralEmulator(this IServiceCollection services, IConfiguration configuration) =>
        services.AddPartnerCentralEmulator(options => configuration.Bind(options));

    /// <summary>Registers <see cref="PartnerCentralEmulator"/> as a singleton with options set in code, checked at start-up.</summary>
    public static IServiceCollection AddPartnerCentralEmulator(this IServiceCollection services, Action<PartnerCentralEmulatorOptions> configure)
    {
        services.AddOptions<PartnerCentralEmulatorOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PartnerCentralEmulatorOptions>, PartnerCentralEmulatorOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PartnerCentralEmulatorOptions>, PartnerCentralCoSellOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PartnerCentralEmulatorOptions>, PartnerCentralEmulatorQuotaOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PartnerCentralEmulator>();
        return services;
    }

    /// <summary>
    /// Serves Partner Central Selling's AWS JSON 1.0 protocol at <c>POST {pathPrefix}/</c>: every request must be signed
    /// with SigV4 by an accepted access key, and <c>X-Amz-Target: AWSPartnerCentralSelling.&lt;Operation&gt;</c> names
    /// the operation. Point a client's service URL at <c>{base}{pathPrefix}/</c>. AWS's side is played at
    /// <c>{pathPrefix}/_aws/</c> (<see cref="PartnerCentralControlEndpoints"/>).
    /// </summary>
    public static IEndpointConventionBuilder MapPartnerCentralEmulator(this IEndpointRouteBuilder endpoints, string pathPrefix)
    {
        ArgumentNullException.ThrowIfNull(pathPrefix);
        var prefix = pathPrefix.Trim('/');
        var route = prefix.Length == 0 ? "/" : $"/{prefix}/";
        endpoints.MapPartnerCentralControl(prefix);
        return endpoints.MapPost(route, (RequestDelegate)HandleAsync).ExcludeFromDescription();
    }

    static async Task HandleAsync(HttpContext context)
    {
        var emulator = context.RequestServices.GetRequiredService<PartnerCentralEmulator>();
        var request = context.Request;
        var target = request.Headers["X-Amz-Target"].ToString();
        var operation = target.StartsWith(TargetPrefix, StringComparison.Ordinal) ? target[TargetPrefix.Length..] : null;

        var body = await ReadBodyAsync(request, context.RequestAborted);
        string? accessKeyId = null;
        int status;
        JsonObject response;
        string? errorType = null;
        try
        {
            if (body is null)
                throw new PartnerCentralErrorException("RequestEntityTooLargeException", StatusCodes.Status413PayloadTooLarge, $"The request body is larger than {MaxBodyBytes} bytes.");
            accessKeyId = emulator.Verifier.Verify(request, body);
            if (operation is null)
                throw PartnerCentralErrorException.Of(PartnerCentralErrorTypes.UnknownOperation,
                    $"X-Amz-Target must be {TargetPrefix}<Operation>, not '{target}'.");
            emulator.Verifier.Authorize(accessKeyId, operation);
            if (!IsJson10(request.ContentType))
                throw PartnerCentralErrorException.Of(PartnerCentralErrorTypes.Serialization, $"Content-Type must be {ContentType}.");

            // The request pipeline: the account's quotas, injected faults, then the operation (which validates against
            // the model first).
            emulator.Quotas.Admit(operation, body);
            emulator.ThrowInjectedFault(operation);
            response = emulator.Invoke(operation, Parse(body));
            status = StatusCodes.Status200OK;
        }
        catch (PartnerCentralErrorException fault)
        {
            errorType = fault.ErrorType;
            status = fault.StatusCode;
            response = new JsonObject
            {
                ["__type"] = PartnerCentralErrorTypes.Qualified(fault.ErrorType),
                [PartnerCentralErrorTypes.MessageMember(fault.ErrorType)] = fault.Reason,
            };
            foreach (var (name, value) in fault.Members ?? [])
                response[name] = value?.DeepClone();
            // AWS sends the type in this header too; the suffix after ':' is a legacy detail clients drop.
            context.Response.Headers["x-amzn-ErrorType"] = $"{fault.ErrorType}:http://internal.amazon.com/coral/com.amazonaws.partnercentralselling/";
            if (fault.RetryAfter is { } retryAfter)
                context.Response.Headers.RetryAfter = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        emulator.Record(new PartnerCentralEmulatorRequest(
            emulator.Now, operation, accessKeyId, status, errorType,
            body is null ? "" : System.Text.Encoding.UTF8.GetString(body),
            request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase))
        {
            Response = (JsonObject)response.DeepClone(),
        });

        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        await context.Response.Body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(response, Json), context.RequestAborted);
    }

    static JsonObject Parse(byte[] body)
    {
        try
        {
            // An empty body is an empty input, as AWS JSON services treat it.
            return (body.Length == 0 ? new JsonObject() : JsonNode.Parse(body)) as JsonObject
                   ?? throw PartnerCentralErrorException.Of(PartnerCentralErrorTypes.Serialization, "The request body must be a JSON object.");
        }
        catch (JsonException)
        {
            throw PartnerCentralErrorException.Of(PartnerCentralErrorTypes.Serialization, "The request body is not valid JSON.");
        }
    }

    static bool IsJson10(string? contentType) =>
        contentType is not null
        && contentType.Split(';')[0].Trim().Equals(ContentType, StringComparison.OrdinalIgnoreCase);

    static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
            return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
                return null;
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
