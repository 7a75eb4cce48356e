using Switchyard.Processor.HubSpot;
using Switchyard.Processor.Mapping;

namespace Switchyard.Processor.Tests.Mapping;

public class ScopeAndPropertiesTests
{
    [Theory]
    [InlineData("Acme migration #AWS", true)]
    [InlineData("#aws Acme", true)]
    [InlineData("Acme (#Aws)", true)]
    [InlineData("Acme #AWS, phase 2", true)]
    [InlineData("Acme #AWSome deal", false)]
    [InlineData("Acme #AWS2", false)]
    [InlineData("Acme #AWS_old", false)]
    [InlineData("Acme #AWSome and #AWS", true)]
    [InlineData("Acme AWS", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void A_deal_is_tagged_by_AWS_as_a_word_of_its_own_in_any_case(string? dealName, bool tagged) =>
        AwsTag.IsTagged(dealName).ShouldBe(tagged);

    [Theory]
    [InlineData("Acme #CoSell", "#CoSell", true)]
    [InlineData("Acme #AWS", "#CoSell", false)]
    public void The_tag_can_be_another_one(string dealName, string tag, bool tagged) =>
        AwsTag.IsTagged(dealName, tag).ShouldBe(tagged);

    [Theory]
    [InlineData("Acme #AWS migration", "Acme migration")]
    [InlineData("#AWS Acme #aws", "Acme")]
    [InlineData("Acme #AWSome", "Acme #AWSome")]
    public void Removing_the_tag_leaves_the_rest_of_the_name(string dealName, string expected) =>
        AwsTag.Remove(dealName).ShouldBe(expected);

    [Fact]
    public void The_deal_properties_that_matter_are_the_mapped_inputs_without_the_name()
    {
        MappedProperties.Deal.ShouldBe(
        [
            "dealstage", "closedate", "amount", "deal_currency_code", "description", "dealtype",
            "aws_delivery_models", "aws_primary_needs", "aws_use_case",
        ], ignoreOrder: true);
        MappedProperties.Deal.ShouldNotContain(DealProperties.Name);
        MappedProperties.DealName.ShouldBe("dealname");
        MappedProperties.Deal.Contains("DealStage").ShouldBeTrue();
    }

    [Fact]
    public void Every_company_and_contact_property_read_matters()
    {
        MappedProperties.Company.ShouldBe(CompanyProperties.All, ignoreOrder: true);
        MappedProperties.Contact.ShouldBe(ContactProperties.All, ignoreOrder: true);
    }

    [Fact]
    public void Every_mapped_deal_property_is_one_the_processor_reads() =>
        MappedProperties.Deal.ShouldBeSubsetOf(DealProperties.All);
}
