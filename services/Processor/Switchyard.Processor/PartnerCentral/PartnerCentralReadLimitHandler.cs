using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Switchyard.Processor.Quotas;

namespace Switchyard.Processor.PartnerCentral;

/// <summary>
/// Keeps this instance's Partner Central reads within <c>PartnerCentral:Quotas:ReadsPerSecond</c>: a read waits for a
/// permit of a sliding-window limiter (System.Threading.RateLimiting); writes pass, since the write budget paces them.
/// Reads are not budgeted over the day: AWS allows ten times as many as writes, and each write needs at most a few.
/// </summary>
public sealed class PartnerCentralReadLimitHandler(PartnerCentralReadLimiter limiter) : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (PartnerCentralReadLimiter.IsWrite(AwsJsonProtocolHandler.OperationOf(request)))
            return await base.SendAsync(request, cancellationToken);

        using var lease = await limiter.Limiter.AcquireAsync(1, cancellationToken);
        if (!lease.IsAcquired)
            throw new PartnerCentralException(PartnerCentralErrors.ReadsQueued,
                "Too many Partner Central reads are waiting for this instance's read quota; try again later.", PartnerCentralErrorKind.Transient);
        return await base.SendAsync(request, cancellationToken);
    }
}

/// <summary>The read limiter one processor instance shares among its Partner Central calls.</summary>
public sealed class PartnerCentralReadLimiter : IDisposable
{
    // The operations AWS counts as writes ("Write actions", https://docs.aws.amazon.com/partner-central/latest/selling-api/quotas.html).
    static readonly HashSet<string> WriteOperations = new(StringComparer.Ordinal)
    {
        "CreateOpportunity", "UpdateOpportunity", "AssociateOpportunity", "DisassociateOpportunity", "RejectEngagementInvitation",
        "AssignOpportunity", "StartEngagementFromOpportunityTask", "StartEngagementByAcceptingInvitationTask",
    };

    /// <summary>The limiter: <c>ReadsPerSecond</c> permits in any second.</summary>
    public RateLimiter Limiter { get; }

    /// <summary>Creates the limiter from <c>PartnerCentral:Quotas</c>.</summary>
    public PartnerCentralReadLimiter(IOptions<PartnerCentralQuotaOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // A permit comes back when the segment it was taken in leaves the window; with the window one segment longer
        // than a second, that is never less than a second after it was taken, so no second holds more than the quota.
        const int segments = 10;
        Limiter = new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
        {
            PermitLimit = options.Value.ReadsPerSecond,
            Window = TimeSpan.FromSeconds(1) + TimeSpan.FromSeconds(1) / segments,
            SegmentsPerWindow = segments + 1,
            QueueLimit = 10_000,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    /// <summary>Whether AWS counts <paramref name="operation"/> as a write.</summary>
    public static bool IsWrite(string? operation) => operation is not null && WriteOperations.Contains(operation);

    /// <inheritdoc />
    public void Dispose() => Limiter.Dispose();
}
