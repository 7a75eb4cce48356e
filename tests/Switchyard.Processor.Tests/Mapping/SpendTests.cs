using System.Text.RegularExpressions;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.Mapping;
using Switchyard.Processor.PartnerCentral;

namespace Switchyard.Processor.Tests.Mapping;

public class SpendTests
{
    // Partner Central's Amount pattern.
    static readonly Regex AmountPattern = new(@"^(0|([1-9][0-9]{0,30}))(\.[0-9]{0,2})?$");

    [Theory]
    [InlineData("120000", null, "120000.00", "USD")]
    [InlineData("120000.5", "EUR", "120000.50", "EUR")]
    [InlineData("120000.0", "eur", "120000.00", "EUR")]
    [InlineData(" 1,200.456 ", "GBP", "1200.46", "GBP")]
    [InlineData("1200.455", " jpy ", "1200.46", "JPY")]
    [InlineData("1e3", "USD", "1000.00", "USD")]
    [InlineData("0.004", "USD", null, null)]
    [InlineData("99999999999999999999999999", "USD", "99999999999999999999999999.00", "USD")]
    public void The_amount_is_written_with_two_decimals_in_an_allowed_currency(string amount, string? currency, string? expectedAmount, string? expectedCurrency)
    {
        var spend = Create(amount, currency);

        if (expectedAmount is null)
        {
            spend.ShouldBeNull();
            return;
        }

        spend.ShouldBe([new ExpectedCustomerSpend { Amount = expectedAmount, CurrencyCode = expectedCurrency, Frequency = "Monthly", TargetCompany = "AWS" }]);
        AmountPattern.IsMatch(spend![0].Amount!).ShouldBeTrue();
    }

    [Theory]
    [InlineData(null, "USD")]
    [InlineData("", "USD")]
    [InlineData("0", "USD")]
    [InlineData("-5000", "USD")]
    [InlineData("a lot", "USD")]
    [InlineData("1.200,50", "EUR")]
    [InlineData("5000", "XYZ")]
    [InlineData("5000", "Euro")]
    public void Without_a_usable_amount_or_currency_there_is_no_expected_spend(string? amount, string? currency) =>
        Create(amount, currency).ShouldBeNull();

    [Theory]
    [InlineData(null, "USD")]
    [InlineData("  ", "USD")]
    [InlineData("usd", "USD")]
    [InlineData("CHF", "CHF")]
    [InlineData("BTC", null)]
    public void The_currency_defaults_to_USD_and_must_be_one_Partner_Central_accepts(string? currency, string? expected) =>
        Spend.Currency(currency).ShouldBe(expected);

    static IReadOnlyList<ExpectedCustomerSpend>? Create(string? amount, string? currency) =>
        MappingFixtures.Mapper()
            .MapCreate(MappingFixtures.Deal(1, (DealProperties.Amount, amount), (DealProperties.Currency, currency)), null, [], "t")
            .Project!.ExpectedCustomerSpend;
}
