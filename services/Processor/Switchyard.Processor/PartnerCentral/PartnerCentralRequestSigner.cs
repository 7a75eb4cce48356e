using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;
using Microsoft.Extensions.Options;

namespace Switchyard.Processor.PartnerCentral;

/// <summary>
/// Signs requests to Partner Central Selling with AWSSDK.Core's own SigV4
/// (<see cref="AWS4Signer.SignRequest(IRequest, IClientConfig, Amazon.Runtime.Internal.Util.RequestMetrics, string, string, DateTime)"/>),
/// computed over an SDK request that carries exactly the method, URL, headers and body that are then sent, with the
/// keys of <see cref="PartnerCentralCredentials"/>. <see cref="PartnerCentralSigningHandler"/> signs every request of
/// the Refit client with it.
/// </summary>
public sealed class PartnerCentralRequestSigner
{
    /// <summary>The name Partner Central Selling is signed for.</summary>
    public const string SigningName = "partnercentral-selling";

    const string ApiVersion = "2022-07-26";

    // Set by the signer itself; a request sent twice must not carry the first signature's.
    static readonly string[] SignatureHeaders = ["Authorization", "Host", "X-Amz-Date", "X-Amz-Content-Sha256", "X-Amz-Security-Token"];

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

    /// <summary>
    /// Signs <paramref name="request"/> in place, ready to send once: adds <c>Host</c>, <c>X-Amz-Date</c>,
    /// <c>X-Amz-Content-Sha256</c>, the session token of temporary keys and <c>Authorization</c>, over its method,
    /// path, headers and body as they are now.
    /// </summary>
    /// <exception cref="PartnerCentralException">No credentials could be resolved, or STS refused to assume the role (<see cref="PartnerCentralErrors.CredentialsUnavailable"/>).</exception>
    public async Task SignAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var url = request.RequestUri is { IsAbsoluteUri: true } absolute ? absolute
            : throw new InvalidOperationException("A Partner Central request is signed once its URL is absolute.");
        if (url.Query.Length > 0)
            throw new InvalidOperationException("AWS JSON 1.0 requests carry everything in their body, not in a query string.");

        var credentials = await CredentialsAsync(cancellationToken);
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);

        using var sdkRequest = new DefaultRequest(new UnsignedOperation(), "PartnerCentralSelling")
        {
            HttpMethod = request.Method.Method,
            Endpoint = new Uri(url.GetLeftPart(UriPartial.Authority)),
            ResourcePath = url.AbsolutePath,
            Content = body,
            AuthenticationRegion = _region,
            OverrideSigningServiceName = SigningName,
        };
        foreach (var name in SignatureHeaders)
            request.Headers.Remove(name);
        foreach (var (name, values) in request.Headers)
            sdkRequest.Headers[name] = string.Join(',', values);
        if (request.Content?.Headers.ContentType is { } contentType)
            sdkRequest.Headers["Content-Type"] = contentType.ToString();
        if (credentials.UseToken)
            sdkRequest.Headers["X-Amz-Security-Token"] = credentials.Token;

        // The signer adds Host, X-Amz-Date and X-Amz-Content-Sha256 to the headers and signs all of them.
        var signature = _signer.SignRequest(sdkRequest, _config, null, credentials.AccessKey, credentials.SecretKey, _clock.GetUtcNow().UtcDateTime);
        sdkRequest.Headers["Authorization"] = signature.ForAuthorizationHeader;

        foreach (var (name, value) in sdkRequest.Headers)
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase))
                request.Headers.Host = value;
            else if (!name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) && !request.Headers.Contains(name))
                request.Headers.TryAddWithoutValidation(name, value);
        }
    }

    /// <summary>
    /// A signed AWS JSON 1.0 <c>POST</c> of <paramref name="body"/> to <paramref name="operation"/>, for callers outside
    /// the Refit client (tools, tests of the protocol); ready to send once.
    /// </summary>
    /// <exception cref="PartnerCentralException">No credentials could be resolved, or STS refused to assume the role.</exception>
    public async Task<HttpRequestMessage> CreateSignedRequestAsync(string operation, byte[] body, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operation);
        var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new ByteArrayContent(body) };
        try
        {
            AwsJsonProtocolHandler.Prepare(request, operation);
            await SignAsync(request, cancellationToken);
            return request;
        }
        catch
        {
            request.Dispose();
            throw;
        }
    }

    async Task<ImmutableCredentials> CredentialsAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _credentials.GetAsync(_config, cancellationToken);
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
