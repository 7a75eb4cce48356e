using System.Collections.Frozen;
using Switchyard.Processor.HubSpot;

namespace Switchyard.Processor.Mapping;

/// <summary>
/// The HubSpot properties the opportunity is made from: a change to one of them calls for an update, a change to any
/// other property does not.
/// </summary>
public static class MappedProperties
{
    /// <summary>
    /// Deal properties that feed the opportunity. <c>dealname</c> is not among them: the title cannot change once the
    /// opportunity exists (see <see cref="DealName"/>).
    /// </summary>
    public static readonly FrozenSet<string> Deal = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
    [
        DealProperties.Stage, DealProperties.CloseDate, DealProperties.Amount, DealProperties.Currency,
        DealProperties.Description, DealProperties.DealType, DealProperties.DeliveryModels,
        DealProperties.PrimaryNeeds, DealProperties.UseCase,
    ]);

    /// <summary>
    /// The deal's name. It becomes the title at creation and never changes it afterwards (Partner Central keeps
    /// titles), but it also decides scope: adding or removing the <c>#AWS</c> tag matters even though a rename alone
    /// changes nothing in the opportunity.
    /// </summary>
    public const string DealName = DealProperties.Name;

    /// <summary>Company properties that feed <c>Customer.Account</c> (and the country phone numbers are read in).</summary>
    public static readonly FrozenSet<string> Company = FrozenSet.Create(StringComparer.OrdinalIgnoreCase, [.. CompanyProperties.All]);

    /// <summary>Contact properties that feed <c>Customer.Contacts</c>.</summary>
    public static readonly FrozenSet<string> Contact = FrozenSet.Create(StringComparer.OrdinalIgnoreCase, [.. ContactProperties.All]);
}
