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
    [InlineData(" 1,200.456 ", " usd ", "1200.46", "USD")]
    [InlineData("1e3", "USD", "1000.00", "USD")]
    [InlineData("0.004", "USD", null, null)]
    [InlineData("99999999999999999999999999", "USD", "99999999999999999999999999.00", "USD")]
    public void The_amount_is_written_with_two_decimals_in_an_accepted_currency(string amount, string? currency, string? expectedAmount, string? expectedCurrency)
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
    [InlineData("", "GBP")]
    [InlineData("0", "JPY")]
    [InlineData("-5000", "USD")]
    [InlineData("a lot", "XYZ")]
    [InlineData("1.200,50", "EUR")]
    public void Without_a_usable_amount_there_is_no_expected_spend_whatever_the_currency(string? amount, string? currency) =>
        Create(amount, currency).ShouldBeNull();

    [Fact]
    public void The_accepted_currencies_are_the_ones_Partner_Central_documents_for_expected_spend() =>
        Spend.AcceptedCurrencies.ShouldBe(["USD", "EUR"]);

    [Theory]
    [InlineData(null, "USD")]
    [InlineData("  ", "USD")]
    [InlineData("usd", "USD")]
    [InlineData(" Eur ", "EUR")]
    public void The_currency_defaults_to_USD(string? currency, string expected) =>
        Spend.Currency(currency).ShouldBe(expected);

    [Theory]
    [InlineData("GBP", "GBP")]
    [InlineData(" chf ", "CHF")]
    [InlineData("BTC", "BTC")]
    [InlineData("Euro", "EURO")]
    public void A_deal_with_an_amount_in_another_currency_cannot_be_synced_and_says_why(string currency, string shown)
    {
        var refusal = Should.Throw<NotSyncableException>(() => Create("5000", currency));

        refusal.Code.ShouldBe(NotSyncableException.CurrencyNotAccepted);
        refusal.Reason.ShouldStartWith($"Partner Central accepts expected spend in USD or EUR; this deal is in {shown}.");
    }

    [Fact]
    public void A_currency_shown_in_a_reason_is_cut_to_a_readable_length()
    {
        var refusal = Should.Throw<NotSyncableException>(() => Spend.Currency(new string('x', 500)));

        refusal.Reason.ShouldContain($"this deal is in {new string('X', 20)}.");
    }

    static IReadOnlyList<ExpectedCustomerSpend>? Create(string? amount, string? currency) =>
        MappingFixtures.Mapper()
            .MapCreate(MappingFixtures.Deal(1, (DealProperties.Amount, amount), (DealProperties.Currency, currency)), null, [], "t")
            .Project!.ExpectedCustomerSpend;
}
