namespace Switchyard.Processor.Mapping;

/// <summary>
/// Partner Central's length limits on the fields Switchyard fills, from AWS's model of the API (the patterns of the
/// members of <c>Account</c>, <c>Address</c>, <c>Contact</c>, <c>LifeCycle</c>, <c>Project</c> and the request shapes).
/// </summary>
/// <remarks>
/// The model states them as patterns such as <c>(?s).{20,2000}</c>, matched by AWS over code points; Switchyard
/// counts them the same way (<see cref="TextLimits.Length"/>: Unicode scalar values, not UTF-16 code units), for
/// minimums and maximums alike. A test checks each constant against the model's pattern.
/// </remarks>
public static class PartnerCentralLimits
{
    /// <summary><c>Account.CompanyName</c>: required, at most 120.</summary>
    public const int CompanyName = 120;

    /// <summary><c>Account.OtherIndustry</c>.</summary>
    public const int OtherIndustry = 255;

    /// <summary><c>Account.WebsiteUrl</c>: at least 4.</summary>
    public const int WebsiteUrlMin = 4;

    /// <summary><c>Account.WebsiteUrl</c>: at most 255.</summary>
    public const int WebsiteUrl = 255;

    /// <summary><c>Address.City</c>.</summary>
    public const int City = 255;

    /// <summary><c>Address.PostalCode</c>.</summary>
    public const int PostalCode = 20;

    /// <summary><c>Address.StreetAddress</c>.</summary>
    public const int StreetAddress = 255;

    /// <summary>
    /// <c>Address.StateOrRegion</c>. The model sets no limit; Switchyard keeps it to the other address parts' 255.
    /// </summary>
    public const int StateOrRegion = 255;

    /// <summary><c>Contact.FirstName</c> and <c>Contact.LastName</c>.</summary>
    public const int PersonName = 80;

    /// <summary><c>Contact.Email</c>.</summary>
    public const int Email = 80;

    /// <summary><c>Contact.BusinessTitle</c>.</summary>
    public const int BusinessTitle = 80;

    /// <summary><c>Project.Title</c>.</summary>
    public const int Title = 255;

    /// <summary><c>Project.CustomerBusinessProblem</c>: at least 20.</summary>
    public const int BusinessProblemMin = 20;

    /// <summary><c>Project.CustomerBusinessProblem</c>: at most 2000.</summary>
    public const int BusinessProblem = 2000;

    /// <summary><c>LifeCycle.NextSteps</c>.</summary>
    public const int NextSteps = 255;

    /// <summary><c>PartnerOpportunityIdentifier</c>.</summary>
    public const int PartnerOpportunityIdentifier = 64;

    /// <summary><c>Project.ExpectedCustomerSpend</c>: at most 10 entries.</summary>
    public const int ExpectedCustomerSpendEntries = 10;
}
