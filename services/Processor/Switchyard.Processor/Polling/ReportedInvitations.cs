using System.Collections.Concurrent;

namespace Switchyard.Processor.Polling;

/// <summary>
/// The received invitations this processor's polls have reported, each with the status reported. A poll lists every
/// pending invitation and every one ended in the last days (<c>ListEngagementInvitations</c> has no modified-since
/// filter), and each report costs the invitation's consumer a HubSpot read: reported every 5 minutes, a few hundred
/// referrals would be that many reads in a burst, against HubSpot's limit of 100 requests per 10 seconds for a private
/// app. So a poll reports an invitation only when it is new to this process or its status changed, and a pending one
/// once more when its expiry reminder has become due since (<c>Processor:Invitations:WarnBefore</c>: the reminder is
/// made when a report finds it due). Accepted ones are the exception (<see cref="PartnerCentralPollConsumer"/>).
/// </summary>
/// <remarks>
/// Kept in memory: a restarted processor, or another instance taking the polls over, reports each listed invitation
/// once more, which its consumer handles as it does any repeat. A report whose consumer failed is in the error queue,
/// to be replayed from there. Only what the last poll listed is kept.
/// </remarks>
public sealed class ReportedInvitations
{
    readonly ConcurrentDictionary<string, (string Status, DateTimeOffset At)> _reported = new(StringComparer.Ordinal);

    /// <summary>How many invitations are remembered.</summary>
    public int Count => _reported.Count;

    /// <summary>
    /// Whether invitation <paramref name="id"/> was reported with <paramref name="status"/> already, and since
    /// <paramref name="dueAgain"/> if that has come by <paramref name="now"/>.
    /// </summary>
    public bool WasReported(string id, string status, DateTimeOffset? dueAgain, DateTimeOffset now) =>
        _reported.TryGetValue(id, out var reported) && reported.Status == status
        && !(dueAgain is { } due && reported.At < due && due <= now);

    /// <summary>Invitation <paramref name="id"/> was reported at <paramref name="at"/>, its publish confirmed, with <paramref name="status"/>.</summary>
    public void Reported(string id, string status, DateTimeOffset at) => _reported[id] = (status, at);

    /// <summary>Forgets the invitations a whole poll no longer listed (ended longer ago than its window).</summary>
    public void KeepOnly(IReadOnlySet<string> listed)
    {
        ArgumentNullException.ThrowIfNull(listed);
        foreach (var id in _reported.Keys)
        {
            if (!listed.Contains(id))
                _reported.TryRemove(id, out _);
        }
    }
}
