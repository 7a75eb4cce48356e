using Switchyard.Processor.HubSpot;
using Switchyard.Processor.Mapping;
using Switchyard.Processor.Sync;

namespace Switchyard.Processor.HubSpotEvents;

/// <summary>A company property that maps to Partner Central changed: every synced deal of the company gets its customer account updated.</summary>
public sealed class CompanyPropertyChangedConsumer(IHubSpotCrmClient crm, OpportunityMapper mapper, Outcomes outcomes)
    : AssociatedObjectChangedConsumer(crm, mapper, outcomes, "companies", MappedProperties.Company, SyncTriggers.CompanyChanged);
