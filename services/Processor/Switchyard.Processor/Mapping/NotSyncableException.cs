namespace Switchyard.Processor.Mapping;

/// <summary>
/// The deal cannot become a request Partner Central accepts, for a reason retrying cannot fix: the sync fails before
/// calling AWS, and <see cref="Reason"/> goes on the deal for people to act on.
/// </summary>
/// <param name="code">One of the codes below: the <c>sync.failed</c> outcome's <c>reason</c>.</param>
/// <param name="reason">A sentence saying what is wrong and what to change in HubSpot. Never holds a secret.</param>
public sealed class NotSyncableException(string code, string reason) : Exception(reason)
{
    /// <summary>The deal's company has no name, and Partner Central requires <c>Customer.Account.CompanyName</c>.</summary>
    public const string CompanyNameMissing = "CompanyNameMissing";

    /// <summary>The deal's currency is not one Partner Central accepts for expected spend.</summary>
    public const string CurrencyNotAccepted = "CurrencyNotAccepted";

    /// <summary>
    /// The request would break AWS's model of the API in a way the mapping did not foresee: the safety net of
    /// <see cref="OpportunityMapper.EnsureValid"/>.
    /// </summary>
    public const string RequestInvalid = "RequestInvalid";

    /// <summary>Why, as a stable code (see the constants).</summary>
    public string Code { get; } = code;

    /// <summary>What is wrong, for people.</summary>
    public string Reason { get; } = reason;
}
