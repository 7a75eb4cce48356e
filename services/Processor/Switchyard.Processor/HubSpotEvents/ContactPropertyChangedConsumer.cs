using Switchyard.Processor.HubSpot;
using Switchyard.Processor.Mapping;
using Switchyard.Processor.Sync;

namespace Switchyard.Processor.HubSpotEvents;

/// <summary>A contact property that maps to Partner Central changed: every synced deal of the contact gets its customer contacts updated.</summary>
public sealed class ContactPropertyChangedConsumer(IHubSpotCrmClient crm, OpportunityMapper mapper, Outcomes outcomes)
    : AssociatedObjectChangedConsumer(crm, mapper, outcomes, "contacts", MappedProperties.Contact, SyncTriggers.ContactChanged);
