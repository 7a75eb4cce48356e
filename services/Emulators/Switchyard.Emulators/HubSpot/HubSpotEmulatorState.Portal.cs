using System.Globalization;

namespace Switchyard.Emulators.HubSpot;

// The portal around the CRM: its id, the private app (its id, the user who created it, the scopes its token holds, as
// POST /oauth/v2/private-apps/get/access-token-info reports them) and its owners (GET /crm/v3/owners).
public sealed partial class HubSpotEmulatorState
{
    /// <summary>
    /// The scopes a private app needs for everything Switchyard does: read and write deals, companies and contacts
    /// (notes and tasks take the contacts' scopes), read owners, and read and write deal properties.
    /// </summary>
    public static readonly IReadOnlyList<string> SwitchyardScopes =
    [
        "crm.objects.companies.read", "crm.objects.companies.write", "crm.objects.contacts.read", "crm.objects.contacts.write",
        "crm.objects.deals.read", "crm.objects.deals.write", "crm.objects.owners.read", "crm.schemas.companies.read",
        "crm.schemas.contacts.read", "crm.schemas.deals.read", "crm.schemas.deals.write",
    ];

    readonly List<HubSpotOwner> _owners = [];
    IReadOnlyList<string> _scopes = SwitchyardScopes;

    /// <summary>The portal's id unless <see cref="PortalId"/> is set.</summary>
    public const long DefaultPortalId = 62515;

    /// <summary>The portal's id (<c>portalId</c> in webhooks, <c>hubId</c> in the token's information): <see cref="DefaultPortalId"/> unless set.</summary>
    public long PortalId { get; set; } = DefaultPortalId;

    /// <summary>The private app's id (<c>appId</c>, and <c>sourceId</c> of its own writes in webhooks): 98765 unless set.</summary>
    public long AppId { get; set; } = 98765;

    /// <summary>The user who created the private app: 1234567 unless set.</summary>
    public long UserId { get; set; } = 1_234_567;

    /// <summary>
    /// The scopes the token holds (<see cref="SwitchyardScopes"/> unless set). A request that needs one the token lacks
    /// is refused with HubSpot's 403 <c>MISSING_SCOPES</c>.
    /// </summary>
    public IReadOnlyList<string> Scopes
    {
        get
        {
            lock (_lock)
                return _scopes;
        }
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            lock (_lock)
                _scopes = [.. value];
        }
    }

    /// <summary>Adds an owner (a user who can own records; <c>hubspot_owner_id</c> takes its id).</summary>
    public HubSpotOwner AddOwner(long id, string email, string firstName, string lastName, long? userId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        lock (_lock)
        {
            var now = Clock.GetUtcNow();
            var owner = new HubSpotOwner(id, email, firstName, lastName, userId ?? id + 1_000_000, now, now);
            _owners.RemoveAll(o => o.Id == id);
            _owners.Add(owner);
            return owner;
        }
    }

    /// <summary>The owners, in id order.</summary>
    public IReadOnlyList<HubSpotOwner> Owners
    {
        get
        {
            lock (_lock)
                return _owners.OrderBy(o => o.Id).ToList();
        }
    }

    internal bool HasScope(IReadOnlyCollection<string> anyOf)
    {
        lock (_lock)
            return anyOf.Any(_scopes.Contains);
    }

    internal bool IsOwner(string id)
    {
        lock (_lock)
            return _owners.Any(o => o.Id.ToString(CultureInfo.InvariantCulture) == id);
    }
}

/// <summary>An owner, as GET /crm/v3/owners lists it.</summary>
/// <param name="Id">The owner id, what <c>hubspot_owner_id</c> holds.</param>
/// <param name="Email">Their email.</param>
/// <param name="FirstName">First name.</param>
/// <param name="LastName">Last name.</param>
/// <param name="UserId">Their user id.</param>
/// <param name="CreatedAt">When they became an owner.</param>
/// <param name="UpdatedAt">When they last changed.</param>
public sealed record HubSpotOwner(long Id, string Email, string FirstName, string LastName, long UserId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
