using System.Globalization;
using Switchyard.Processor.PartnerCentral;

namespace Switchyard.Processor.Mapping;

/// <summary>Turns a deal's <c>amount</c> and <c>deal_currency_code</c> into <c>Project.ExpectedCustomerSpend</c>.</summary>
public static class Spend
{
    /// <summary>The currency of deals that do not name one.</summary>
    public const string DefaultCurrency = "USD";

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
    /// The deal's currency as Partner Central spells it: <see cref="DefaultCurrency"/> when the deal names none, null
    /// when it names one Partner Central does not accept (reporting the amount in another currency would misstate it).
    /// </summary>
    public static string? Currency(string? currencyCode) =>
        string.IsNullOrWhiteSpace(currencyCode) ? DefaultCurrency : PartnerCentralValues.CurrencyCodes.Find(currencyCode.Trim());

    /// <summary>
    /// The expected spend for a deal: one monthly entry for AWS, or null when the deal has no usable amount or
    /// currency.
    /// </summary>
    public static ExpectedCustomerSpend? From(string? amount, string? currencyCode) =>
        Amount(amount) is { } value && Currency(currencyCode) is { } currency
            ? new ExpectedCustomerSpend
            {
                Amount = value,
                CurrencyCode = currency,
                Frequency = PartnerCentralValues.Monthly,
                TargetCompany = PartnerCentralValues.Aws,
            }
            : null;
}
