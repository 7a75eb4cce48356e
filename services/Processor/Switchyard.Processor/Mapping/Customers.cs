using System.Text.RegularExpressions;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.PartnerCentral;

namespace Switchyard.Processor.Mapping;

/// <summary>Maps a HubSpot company onto <c>Customer.Account</c> and HubSpot contacts onto <c>Customer.Contacts</c>.</summary>
public static partial class Customers
{
    /// <summary>
    /// The account for a company: name, industry, website and address, each within Partner Central's limits. Null
    /// when the company holds none of them.
    /// </summary>
    /// <remarks>
    /// Names, cities and streets that are too long are shortened. A postal code that is too long, a website that is
    /// no web address, a country Partner Central does not list and, for the United States, a state that is no US state
    /// are left out instead: a shortened postal code or a guessed country would be wrong rather than short. An
    /// industry the company does not have is left out too, rather than claimed to be <c>Other</c>.
    /// </remarks>
    public static Account? Account(HubSpotCompany company)
    {
        ArgumentNullException.ThrowIfNull(company);
        var industry = Industries.Map(company.Property(CompanyProperties.Industry));
        var account = new Account
        {
            CompanyName = TextLimits.Fit(company.Property(CompanyProperties.Name), PartnerCentralLimits.CompanyName),
            Industry = industry?.Industry,
            OtherIndustry = industry?.OtherIndustry,
            WebsiteUrl = Websites.ToWebsiteUrl(company.Property(CompanyProperties.Website), company.Property(CompanyProperties.Domain)),
            Address = Address(company),
        };

        return account is { CompanyName: null, Industry: null, WebsiteUrl: null, Address: null } ? null : account;
    }

    /// <summary>The company's address, or null when it has none.</summary>
    public static Address? Address(HubSpotCompany company)
    {
        ArgumentNullException.ThrowIfNull(company);
        var country = Countries.ToAlpha2(company.Property(CompanyProperties.Country));
        var state = TextLimits.Clean(company.Property(CompanyProperties.State));
        var postalCode = TextLimits.Clean(company.Property(CompanyProperties.Zip));

        var address = new Address
        {
            City = TextLimits.Fit(company.Property(CompanyProperties.City), PartnerCentralLimits.City),
            CountryCode = country,
            PostalCode = postalCode is not null && TextLimits.Length(postalCode) <= PartnerCentralLimits.PostalCode ? postalCode : null,
            StateOrRegion = country == "US" ? UsStates.Find(state) : TextLimits.Fit(state, PartnerCentralLimits.StateOrRegion),
            StreetAddress = TextLimits.Fit(company.Property(CompanyProperties.Address), PartnerCentralLimits.StreetAddress),
        };

        return address is { City: null, CountryCode: null, PostalCode: null, StateOrRegion: null, StreetAddress: null } ? null : address;
    }

    /// <summary>
    /// The contacts with anything to say, in HubSpot's order. Phone numbers without a country code are read in
    /// <paramref name="phoneCountry"/> (see <see cref="PhoneNumbers"/>).
    /// </summary>
    public static IReadOnlyList<Contact> Contacts(IEnumerable<HubSpotContact> contacts, string? phoneCountry)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        var mapped = new List<Contact>();
        foreach (var contact in contacts)
        {
            if (Contact(contact, phoneCountry) is { } one)
                mapped.Add(one);
        }

        return mapped;
    }

    /// <summary>One contact, or null when it has no email, name, title or phone number.</summary>
    public static Contact? Contact(HubSpotContact contact, string? phoneCountry)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var mapped = new Contact
        {
            Email = Email(contact.Property(ContactProperties.Email)),
            FirstName = TextLimits.Fit(contact.Property(ContactProperties.FirstName), PartnerCentralLimits.PersonName),
            LastName = TextLimits.Fit(contact.Property(ContactProperties.LastName), PartnerCentralLimits.PersonName),
            BusinessTitle = TextLimits.Fit(contact.Property(ContactProperties.JobTitle), PartnerCentralLimits.BusinessTitle),
            Phone = PhoneNumbers.ToE164(contact.Property(ContactProperties.Phone), phoneCountry)
                ?? PhoneNumbers.ToE164(contact.Property(ContactProperties.MobilePhone), phoneCountry),
        };

        return mapped is { Email: null, FirstName: null, LastName: null, BusinessTitle: null, Phone: null } ? null : mapped;
    }

    /// <summary>
    /// The address in lower case (Partner Central's pattern admits no capitals) when it matches Partner Central's
    /// email pattern and limit; otherwise null, since an address cannot be shortened.
    /// </summary>
    public static string? Email(string? email)
    {
        var text = email?.Trim().ToLowerInvariant();
        return text is { Length: > 0 } && TextLimits.Length(text) <= PartnerCentralLimits.Email && EmailPattern().IsMatch(text) ? text : null;
    }

    // Partner Central's own pattern (the Email shape of its model).
    [GeneratedRegex(@"^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex EmailPattern();
}
