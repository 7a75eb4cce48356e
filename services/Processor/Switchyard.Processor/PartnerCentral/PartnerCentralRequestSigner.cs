using System.Net.Http.Headers;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;
using Microsoft.Extensions.Options;

namespace Switchyard.Processor.PartnerCentral;

/// <summary>
/// Builds signed AWS JSON 1.0 requests to Partner Central Selling. The signature is AWSSDK.Core's own SigV4
/// (<see cref="AWS4Signer.SignRequest(IRequest, IClientConfig, Amazon.Runtime.Internal.Util.RequestMetrics, string, string, DateTime)"/>),
/// computed over an SDK request that carries exactly the method, URL, headers and body that are then sent.
/// </summary>
public sealed class PartnerCentralRequestSigner
{
    /// <summary>The name Partner Central Selling is signed for.</summary>
    public const string SigningName = "partnercentral-selling";

    /// <summary>The content type of the AWS JSON 1.0 protocol.</summary>
    public const string ContentType = "application/x-amz-json-1.0";

    /// <summary>The <c>X-Amz-Target</c> prefix of every operation.</summary>
    public const string TargetPrefix = "AWSPartnerCentralSelling.";

    const string ApiVersion = "2022-07-26";

    readonly AWS4Signer _signer = new(signPayload: true);
    readonly PartnerCentralCredentials _credentials;
    readonly TimeProvider _clock;
    readonly Uri _endpoint;
    readonly string _region;
    readonly SigningConfig _config;

    /// <summary>Creates the signer for the configured endpoint and region.</summary>
    public PartnerCentralRequestSigner(IOptions<PartnerCentralOptions> options, PartnerCentralCredentials credentials, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        _credentials = credentials;
        _clock = clock;
        _endpoint = options.Value.EffectiveServiceUrl;
        _region = options.Value.Region;
        _config = new SigningConfig { AuthenticationRegion = _region, AuthenticationServiceName = SigningName };
    }

    /// <summary>The endpoint requests go to.</summary>
    public Uri Endpoint => _endpoint;

    /// <summary>A signed <c>POST</c> of <paramref name="body"/> to <paramref name="operation"/>, ready to send once.</summary>
    /// <exception cref="AmazonClientException">No credentials could be resolved.</exception>
    /// <exception cref="AmazonServiceException">STS refused to assume the role.</exception>
    public async Task<HttpRequestMessage> CreateSignedRequestAsync(string operation, byte[] body, CancellationToken cancellationToken)
    {
        var credentials = await _credentials.GetAsync(_config, cancellationToken);

        using var request = new DefaultRequest(new UnsignedOperation(), "PartnerCentralSelling")
        {
            HttpMethod = "POST",
            Endpoint = _endpoint,
            ResourcePath = "/",
            Content = body,
            AuthenticationRegion = _region,
            OverrideSigningServiceName = SigningName,
        };
        request.Headers["Content-Type"] = ContentType;
        request.Headers["X-Amz-Target"] = TargetPrefix + operation;
        request.Headers["X-Amz-Api-Version"] = ApiVersion;
        if (credentials.UseToken)
            request.Headers["X-Amz-Security-Token"] = credentials.Token;

        // The signer adds Host, X-Amz-Date and X-Amz-Content-Sha256 to the headers and signs all of them.
        var signature = _signer.SignRequest(request, _config, null, credentials.AccessKey, credentials.SecretKey, _clock.GetUtcNow().UtcDateTime);
        request.Headers["Authorization"] = signature.ForAuthorizationHeader;

        var message = new HttpRequestMessage(HttpMethod.Post, _endpoint)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue(ContentType) } },
        };
        foreach (var (name, value) in request.Headers)
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase))
                message.Headers.Host = value;
            else if (!name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                message.Headers.TryAddWithoutValidation(name, value);
        }

        return message;
    }

    // The SDK's request type needs an originating request object; this one carries nothing.
    sealed class UnsignedOperation : AmazonWebServiceRequest;

    // Only what the signer reads: the signing name and region (set explicitly, so no endpoint resolution happens).
    sealed class SigningConfig() : ClientConfig(new DefaultConfigurationProvider([Standard]))
    {
        // Retry and timeout defaults are the SDK's pipeline's concern; this configuration only feeds the signer.
        static readonly DefaultConfiguration Standard = new() { Name = DefaultConfigurationMode.Standard, RetryMode = RequestRetryMode.Standard };

        public override string ServiceVersion => ApiVersion;

        public override string UserAgent => "switchyard";

        public override string RegionEndpointServiceName => SigningName;

        public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters) =>
            throw new NotSupportedException("Partner Central requests are signed with an explicit endpoint.");
    }
}
