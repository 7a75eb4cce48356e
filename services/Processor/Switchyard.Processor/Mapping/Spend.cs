using System.Globalization;
using Switchyard.PartnerCentral.Model;
using Switchyard.Processor.PartnerCentral;

namespace Switchyard.Processor.Mapping;

/// <summary>Turns a deal's <c>amount</c> and <c>deal_currency_code</c> into <c>Project.ExpectedCustomerSpend</c>.</summary>
/// <remarks>
/// Partner Central takes expected spend in the currencies its documentation lists for
/// <c>ExpectedCustomerSpend.CurrencyCode</c> ("Accepted values are USD (US Dollars) and EUR (Euros)", read from AWS's
/// model; the model's <c>CurrencyCode</c> enum has 168 codes, but the documentation is what the service enforces). A deal
/// in another currency fails its sync before anything is sent, with that reason on the deal: converting is not
/// Switchyard's to do (which rate, which day?), and leaving the spend out would create an opportunity AWS then refuses
/// to accept for review, since expected spend is what AWS sizes an opportunity by.
/// </remarks>
public static class Spend
{
    /// <summary>The currency of deals that do not name one.</summary>
    public const string DefaultCurrency = "USD";

    const int MaxShownCurrencyLength = 20;

    /// <summary>The currencies Partner Central accepts for expected spend, as its documentation lists them (USD, EUR).</summary>
    public static IReadOnlyList<string> AcceptedCurrencies { get; } =
        ServiceModel.PartnerCentralSelling.Shape("ExpectedCustomerSpend").Member("CurrencyCode")!.Documented!.Values!;

    /// <summary>
    /// The amount as Partner Central writes amounts (<c>^(0|[1-9][0-9]{0,30})(\.[0-9]{0,2})?$</c>): invariant culture,
    /// two decimals, rounded half away from zero, e.g. <c>120000.00</c>. Null when the deal has no amount, it is not a
    /// number, or it is not more than zero (no spend to report).
    /// </summary>
    public static string? Amount(string? amount)
    {
        var text = amount?.Trim();
        if (string.IsNullOrEmpty(text)
            || !decimal.TryParse(text, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value))
            return null;

        value = Math.Round(value, 2, MidpointRounding.AwayFromZero);
        return value > 0 ? value.ToString("0.00", CultureInfo.InvariantCulture) : null;
    }

    /// <summary>
    /// The deal's currency as Partner Central spells it: <see cref="DefaultCurrency"/> when the deal names none, the
    /// accepted code it names (in any case).
    /// </summary>
    /// <exception cref="NotSyncableException">The deal names a currency Partner Central does not accept (any other).</exception>
    public static string Currency(string? currencyCode)
    {
        var code = currencyCode?.Trim();
        if (string.IsNullOrEmpty(code))
            return DefaultCurrency;
        return AcceptedCurrencies.FirstOrDefault(c => c.Equals(code, StringComparison.OrdinalIgnoreCase))
               ?? throw NotAccepted(code);
    }

    /// <summary>
    /// The expected spend for a deal: one monthly entry for AWS, or null when the deal has no usable amount (then its
    /// currency does not matter).
    /// </summary>
    /// <exception cref="NotSyncableException">The deal has an amount in a currency Partner Central does not accept.</exception>
    public static ExpectedCustomerSpend? From(string? amount, string? currencyCode) =>
        Amount(amount) is { } value
            ? new ExpectedCustomerSpend
            {
                Amount = value,
                CurrencyCode = Currency(currencyCode),
                Frequency = PartnerCentralValues.Monthly,
                TargetCompany = PartnerCentralValues.Aws,
            }
            : null;

    /// <summary>The refusal for spend in <paramref name="currency"/> where only <paramref name="accepted"/> is taken.</summary>
    internal static NotSyncableException NotAccepted(string currency, string? accepted = null, string? where = null)
    {
        var shown = TextLimits.Fit(currency.ToUpperInvariant(), MaxShownCurrencyLength) ?? "?";
        var list = accepted ?? string.Join(" or ", AcceptedCurrencies);
        return new NotSyncableException(NotSyncableException.CurrencyNotAccepted,
            $"Partner Central accepts expected spend in {list}{where}; this deal is in {shown}. Change the deal's currency in HubSpot, or clear its amount to sync it without expected spend.");
    }
}
