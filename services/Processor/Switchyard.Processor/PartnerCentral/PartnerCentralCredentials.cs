using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Microsoft.Extensions.Options;

namespace Switchyard.Processor.PartnerCentral;

/// <summary>
/// The AWS credentials that sign Partner Central requests, resolved once through the SDK's credential types: the
/// configured keys, a role assumed through STS (<see cref="AssumeRoleAWSCredentials"/>, refreshed before it expires),
/// or the SDK's default chain (environment, profile, container or instance role).
/// </summary>
public sealed class PartnerCentralCredentials(IOptions<PartnerCentralOptions> options) : IDisposable
{
    /// <summary>The role session name when <see cref="PartnerCentralOptions.RoleSessionName"/> is not set.</summary>
    public const string DefaultRoleSessionName = "switchyard";

    readonly SemaphoreSlim _gate = new(1, 1);
    AWSCredentials? _credentials;

    /// <summary>The current keys. Temporary ones are refreshed by the SDK; a failure to resolve is retried on the next call.</summary>
    public async Task<ImmutableCredentials> GetAsync(IClientConfig clientConfig, CancellationToken cancellationToken)
    {
        var credentials = _credentials ?? await ResolveAsync(clientConfig, cancellationToken);
        return await credentials.GetCredentialsAsync();
    }

    async Task<AWSCredentials> ResolveAsync(IClientConfig clientConfig, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_credentials is not null)
                return _credentials;

            var settings = options.Value;
            AWSCredentials? keys = null;
            if (!string.IsNullOrWhiteSpace(settings.AccessKeyId) && !string.IsNullOrWhiteSpace(settings.SecretAccessKey))
            {
                keys = string.IsNullOrWhiteSpace(settings.SessionToken)
                    ? new BasicAWSCredentials(settings.AccessKeyId, settings.SecretAccessKey)
                    : new SessionAWSCredentials(settings.AccessKeyId, settings.SecretAccessKey, settings.SessionToken);
            }

            if (!string.IsNullOrWhiteSpace(settings.RoleArn))
            {
                var source = keys ?? await DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync(clientConfig);
                _credentials = new AssumeRoleAWSCredentials(source, settings.RoleArn,
                    string.IsNullOrWhiteSpace(settings.RoleSessionName) ? DefaultRoleSessionName : settings.RoleSessionName,
                    new AssumeRoleAWSCredentialsOptions { ExternalId = string.IsNullOrEmpty(settings.ExternalId) ? null : settings.ExternalId });
            }
            else
            {
                _credentials = keys ?? await DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync(clientConfig);
            }

            return _credentials;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        (_credentials as IDisposable)?.Dispose();
        _gate.Dispose();
    }
}
