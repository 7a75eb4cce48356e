using Switchyard.Emulators.HubSpot;
using Switchyard.Processor.HubSpot;

namespace Switchyard.Processor.Tests.Submission;

/// <summary>The emulated portal has every aws_* deal property the processor reads and writes, so AllInOne's write-backs are accepted.</summary>
public sealed class SubmissionPropertiesTests
{
    [Fact]
    public void Every_aws_deal_property_the_processor_uses_is_defined_in_the_emulated_portal()
    {
        DealProperties.All.Where(p => p.StartsWith("aws_", StringComparison.Ordinal))
            .ShouldBeSubsetOf(HubSpotEmulatorState.SwitchyardDealProperties);
        new[] { DealProperties.SubmitToAws, DealProperties.InvolvementType, DealProperties.Visibility, DealProperties.SubmissionStatus }
            .ShouldBeSubsetOf(DealProperties.All);
    }
}
