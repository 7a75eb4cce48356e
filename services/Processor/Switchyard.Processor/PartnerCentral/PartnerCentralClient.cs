using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Amazon.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Switchyard.Processor.PartnerCentral;

/// <summary>
/// Partner Central Selling over HttpClient: AWS JSON 1.0 (<c>POST /</c> with <c>X-Amz-Target</c>), PascalCase
/// members, nulls omitted, the configured <c>Catalog</c> in every request, each request signed with SigV4 by
/// <see cref="PartnerCentralRequestSigner"/>. One attempt per call: retries are the bus's, guided by
/// <see cref="PartnerCentralException.Kind"/>.
/// </summary>
public sealed partial class PartnerCentralClient(
    HttpClient http, PartnerCentralRequestSigner signer, IOptions<PartnerCentralOptions> options, ILogger<PartnerCentralClient> logger)
    : IPartnerCentralClient
{
    /// <summary>The HttpClient name, for configuring the handler.</summary>
    public const string HttpClientName = "partner-central";

    // ListSolutions allows up to 100 per page; fewer calls, fewer throttles.
    const int SolutionsPageSize = 100;
    const int MaxPages = 1000;

    static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNamingPolicy = null,
    };

    readonly string _catalog = options.Value.Catalog;

    /// <inheritdoc />
    public async Task<CreateOpportunityResult> CreateOpportunityAsync(CreateOpportunityRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = JsonSerializer.SerializeToUtf8Bytes(request with { Catalog = _catalog }, Json);
        var response = await SendAsync("CreateOpportunity", body, cancellationToken);
        return new CreateOpportunityResult(
            RequiredString(response, "Id", "CreateOpportunity"),
            (string?)response["PartnerOpportunityIdentifier"],
            AsText(response["LastModifiedDate"]));
    }

    /// <inheritdoc />
    public async Task<OpportunityDocument> GetOpportunityAsync(string opportunityId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(opportunityId);
        var response = await SendAsync("GetOpportunity", Serialize(new JsonObject { ["Catalog"] = _catalog, ["Identifier"] = opportunityId }), cancellationToken);
        RequiredString(response, "Id", "GetOpportunity");
        return new OpportunityDocument(response);
    }

    /// <inheritdoc />
    public async Task<UpdateOpportunityResult> UpdateOpportunityAsync(JsonObject request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // A copy: the caller's document (often GetOpportunity's) stays as it was.
        var payload = (JsonObject)request.DeepClone();
        payload["Catalog"] = _catalog;
        RemoveNulls(payload);
        var response = await SendAsync("UpdateOpportunity", Serialize(payload), cancellationToken);
        return new UpdateOpportunityResult(RequiredString(response, "Id", "UpdateOpportunity"), AsText(response["LastModifiedDate"]));
    }

    /// <inheritdoc />
    public async Task AssociateOpportunityAsync(string opportunityId, string relatedEntityType, string relatedEntityIdentifier, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(opportunityId);
        ArgumentException.ThrowIfNullOrWhiteSpace(relatedEntityType);
        ArgumentException.ThrowIfNullOrWhiteSpace(relatedEntityIdentifier);
        await SendAsync("AssociateOpportunity", Serialize(new JsonObject
        {
            ["Catalog"] = _catalog,
            ["OpportunityIdentifier"] = opportunityId,
            ["RelatedEntityType"] = relatedEntityType,
            ["RelatedEntityIdentifier"] = relatedEntityIdentifier,
        }), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SolutionSummary>> ListSolutionsAsync(CancellationToken cancellationToken)
    {
        var solutions = new List<SolutionSummary>();
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        string? nextToken = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var request = new JsonObject { ["Catalog"] = _catalog, ["MaxResults"] = SolutionsPageSize };
            if (nextToken is not null)
                request["NextToken"] = nextToken;
            var response = await SendAsync("ListSolutions", Serialize(request), cancellationToken);

            if (response["SolutionSummaries"] is JsonArray summaries)
            {
                foreach (var summary in summaries.OfType<JsonObject>())
                {
                    solutions.Add(new SolutionSummary(
                        RequiredString(summary, "Id", "ListSolutions"), (string?)summary["Name"], (string?)summary["Status"], (string?)summary["Category"]));
                }
            }

            nextToken = (string?)response["NextToken"];
            if (string.IsNullOrEmpty(nextToken))
                return solutions;
            if (!tokens.Add(nextToken))
                throw new PartnerCentralException(PartnerCentralErrors.InvalidResponse, "ListSolutions returned a NextToken it had returned before.", PartnerCentralErrorKind.Permanent);
        }

        throw new PartnerCentralException(PartnerCentralErrors.InvalidResponse, $"ListSolutions returned more than {MaxPages} pages.", PartnerCentralErrorKind.Permanent);
    }

    async Task<JsonObject> SendAsync(string operation, byte[] body, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var request = await SignAsync(operation, body, cancellationToken);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var status = (int)response.StatusCode;
            LogAnswered(logger, operation, status, Stopwatch.GetElapsedTime(started).TotalMilliseconds);

            if (!response.IsSuccessStatusCode)
            {
                var errorTypeHeader = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.FirstOrDefault() : null;
                throw PartnerCentralErrors.FromResponse(status, errorTypeHeader, content);
            }

            return ParseObject(content, operation);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient's timeout, not the caller's cancellation.
            throw Failed(operation, new PartnerCentralException(PartnerCentralErrors.Timeout,
                $"{operation} did not complete within {options.Value.RequestTimeout}.", PartnerCentralErrorKind.Transient, e));
        }
        catch (HttpRequestException e)
        {
            throw Failed(operation, new PartnerCentralException(PartnerCentralErrors.ConnectionFailure,
                $"{operation} could not reach {signer.Endpoint.GetLeftPart(UriPartial.Authority)}: {e.HttpRequestError}.", PartnerCentralErrorKind.Transient, e));
        }
        catch (PartnerCentralException e)
        {
            throw Failed(operation, e);
        }
    }

    async Task<HttpRequestMessage> SignAsync(string operation, byte[] body, CancellationToken cancellationToken)
    {
        try
        {
            return await signer.CreateSignedRequestAsync(operation, body, cancellationToken);
        }
        // The SDK's messages name the missing source or STS's refusal, never a key.
        catch (AmazonServiceException e)
        {
            var kind = PartnerCentralErrors.Classify(e.ErrorCode ?? "", (int)e.StatusCode);
            throw new PartnerCentralException(PartnerCentralErrors.CredentialsUnavailable, $"Assuming the role failed: {e.ErrorCode}: {e.Message}", kind, e);
        }
        catch (AmazonClientException e) when (e.InnerException is HttpRequestException or SocketException or TimeoutException)
        {
            throw new PartnerCentralException(PartnerCentralErrors.CredentialsUnavailable, $"Resolving credentials failed: {e.Message}", PartnerCentralErrorKind.Transient, e);
        }
        catch (AmazonClientException e)
        {
            throw new PartnerCentralException(PartnerCentralErrors.CredentialsUnavailable, $"No AWS credentials to sign with: {e.Message}", PartnerCentralErrorKind.Permanent, e);
        }
    }

    PartnerCentralException Failed(string operation, PartnerCentralException e)
    {
        // The reason is left out: validation messages can quote customer data.
        LogFailed(logger, operation, e.ErrorType, e.Kind);
        return e;
    }

    static JsonObject ParseObject(byte[] content, string operation)
    {
        try
        {
            // Operations without output answer {} (or nothing at all).
            if (content.Length == 0)
                return [];
            if (JsonNode.Parse(content) is JsonObject json)
                return json;
        }
        catch (JsonException)
        {
        }

        throw new PartnerCentralException(PartnerCentralErrors.InvalidResponse, $"{operation} answered with a body that is not a JSON object.", PartnerCentralErrorKind.Transient);
    }

    static string RequiredString(JsonObject json, string name, string operation) =>
        json[name] is JsonValue value && value.TryGetValue(out string? text) && !string.IsNullOrEmpty(text)
            ? text
            : throw new PartnerCentralException(PartnerCentralErrors.InvalidResponse, $"{operation} answered without {name}.", PartnerCentralErrorKind.Transient);

    // Timestamps are kept as sent, so the update echoes exactly what was read.
    static string? AsText(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue(out string? text) ? text : node?.ToJsonString();

    static byte[] Serialize(JsonObject json) => JsonSerializer.SerializeToUtf8Bytes(json, Json);

    static void RemoveNulls(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Where(p => p.Value is null).Select(p => p.Key).ToList())
                    obj.Remove(name);
                foreach (var (_, value) in obj)
                    RemoveNulls(value);
                break;
            case JsonArray array:
                foreach (var item in array)
                    RemoveNulls(item);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Partner Central {Operation} answered {Status} in {ElapsedMs} ms")]
    static partial void LogAnswered(ILogger logger, string operation, int status, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Partner Central {Operation} failed with {ErrorType} ({Kind})")]
    static partial void LogFailed(ILogger logger, string operation, string errorType, PartnerCentralErrorKind kind);
}
