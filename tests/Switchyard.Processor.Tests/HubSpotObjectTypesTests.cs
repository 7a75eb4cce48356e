using Switchyard.Contracts.HubSpot;
using Switchyard.Processor.HubSpotEvents;

namespace Switchyard.Processor.Tests;

public class HubSpotObjectTypesTests
{
    [Theory]
    [InlineData("deal.creation", null, "deal")]
    [InlineData("deal.propertyChange", null, "deal")]
    [InlineData("company.propertyChange", null, "company")]
    [InlineData("contact.associationChange", null, "contact")]
    [InlineData("object.creation", "0-3", "deal")]
    [InlineData("object.propertyChange", "0-1", "contact")]
    [InlineData("object.creation", "2-123456", "2-123456")]
    [InlineData("conversation", null, "conversation")]
    public void The_object_type_comes_from_the_subscription_type_or_the_object_type_id(string subscriptionType, string? typeId, string expected)
    {
        var message = new HubSpotEventReceived
        {
            EventId = 1, SubscriptionId = 1, PortalId = 1, AppId = 1, OccurredAt = DateTimeOffset.UnixEpoch,
            SubscriptionType = subscriptionType, ObjectId = 1, ObjectTypeId = typeId,
        };

        HubSpotObjectTypes.Of(message).ShouldBe(expected);
    }
}
