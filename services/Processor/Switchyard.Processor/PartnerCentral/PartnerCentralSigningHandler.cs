namespace Switchyard.Processor.PartnerCentral;

/// <summary>
/// Signs every request of the Partner Central client with SigV4 (<see cref="PartnerCentralRequestSigner"/>), after the
/// protocol's headers are set and before the deadline starts. Credentials that cannot be resolved fail the call with a
/// <see cref="PartnerCentralException"/> before anything is sent.
/// </summary>
public sealed class PartnerCentralSigningHandler(PartnerCentralRequestSigner signer) : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await signer.SignAsync(request, cancellationToken);
        return await base.SendAsync(request, cancellationToken);
    }
}
