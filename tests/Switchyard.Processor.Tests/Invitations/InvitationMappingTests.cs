using System.Globalization;
using System.Text.Json.Nodes;
using Switchyard.PartnerCentral.Model;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.Invitations;
using Switchyard.Processor.Mapping;
using Switchyard.Processor.PartnerCentral;

namespace Switchyard.Processor.Tests.Invitations;

/// <summary>What a referral becomes in HubSpot, table by table: the deal, the company, the seller, the note, the expiry task, the rule.</summary>
public sealed class InvitationMappingTests
{
    static ReferralInvitation Invitation(string? title = "Globex plant analytics", string? amount = "25000.00", string? currency = "EUR",
        string? industry = "Manufacturing", string? country = "DE", string? website = "https://www.globex.example", string? targetDate = "2031-01-15",
        string? engagementTitle = "Globex engagement", string? company = "Globex") =>
        ReferralInvitation.From("engi-0123456789abc", new EngagementInvitationDocument("engi-0123456789abc", "AWS", "OpportunityInvitation", "eng-01234567890abc",
            engagementTitle, "PENDING", JsonValue.Create("2026-12-01T09:00:00.000Z"), JsonValue.Create("2026-12-16T09:00:00.000Z"), "AWS", null,
            new InvitationPayload(new OpportunityInvitationPayload(
                [new SenderContact("maria@example.com", "Maria", "Seller", "AWS Account Manager", "+14155550100")], ["Co-Sell Facilitator"],
                new InvitationCustomer(industry, company, website, country),
                new InvitationProject("Globex wants <one> place for its sensor data & predictions.", title, targetDate,
                    amount is null ? null : [new ExpectedCustomerSpend { Amount = amount, CurrencyCode = currency, Frequency = "Monthly", TargetCompany = "AWS" }])), null),
            "Please help <Globex>.", "Co-selling engagement."));

    [Fact]
    public void The_new_deal_carries_the_title_tagged_AWS_fields_and_the_invitation_without_a_status_until_it_is_complete()
    {
        var deal = InvitationMapping.NewDeal(Invitation(), new InvitationOptions { Pipeline = "partners", Stage = "referral", OwnerId = "42" }, "#AWS");

        deal.ShouldBe(new Dictionary<string, string?>
        {
            [DealProperties.Name] = "Globex plant analytics #AWS",
            [DealProperties.Pipeline] = "partners",
            [DealProperties.Stage] = "referral",
            [DealProperties.OwnerId] = "42",
            [DealProperties.Amount] = "25000.00",
            [DealProperties.Currency] = "EUR",
            [DealProperties.CloseDate] = "2031-01-15T00:00:00.000Z",
            [DealProperties.Description] = "Globex wants <one> place for its sensor data & predictions.",
            [DealProperties.Seller] = "Maria Seller <maria@example.com>",
            [DealProperties.InvitationId] = "engi-0123456789abc",
            [DealProperties.InvitationStatus] = "Pending",
            [DealProperties.InvitationExpiresAt] = "2026-12-16T09:00:00.000Z",
        }, ignoreOrder: true);
    }

    [Theory]
    [InlineData("Globex plant analytics", "Globex engagement", "Globex", "Globex plant analytics")]
    [InlineData(null, "Globex engagement", "Globex", "Globex engagement")]
    [InlineData("  ", null, "Globex", "AWS referral: Globex")]
    [InlineData(null, null, null, "AWS referral engi-0123456789abc")]
    public void The_title_is_the_projects_else_the_engagements_else_the_customers(string? project, string? engagement, string? company, string expected) =>
        Invitation(title: project, engagementTitle: engagement, company: company).Title.ShouldBe(expected);

    [Fact]
    public void Without_spend_or_date_the_deal_has_no_amount_currency_or_close_date()
    {
        var deal = InvitationMapping.NewDeal(Invitation(amount: null, targetDate: "someday"), new InvitationOptions(), "#AWS");

        deal[DealProperties.Amount].ShouldBeNull();
        deal[DealProperties.Currency].ShouldBeNull();
        deal[DealProperties.CloseDate].ShouldBeNull();
        deal[DealProperties.OwnerId].ShouldBeNull();
    }

    [Theory]
    [InlineData("https://www.globex.example", "globex.example")]
    [InlineData("http://shop.globex.example/about?x=1", "shop.globex.example")]
    [InlineData("globex.example", "globex.example")]
    [InlineData("not a website", null)]
    [InlineData(null, null)]
    public void The_customers_domain_comes_from_AWSs_website_without_www(string? website, string? domain) =>
        InvitationMapping.Domain(website).ShouldBe(domain);

    [Fact]
    public void Every_Partner_Central_industry_but_Other_becomes_a_HubSpot_industry_that_maps_back_to_it()
    {
        foreach (var industry in ServiceModel.PartnerCentralSelling.Shape("Industry").Enum!)
        {
            var code = InvitationMapping.HubSpotIndustry(industry);
            if (industry == "Other")
            {
                code.ShouldBeNull();
                continue;
            }

            code.ShouldNotBeNull(industry);
            Industries.HubSpotIndustries.Single(i => i.Code == code).Industry.ShouldBe(industry);
        }
    }

    [Fact]
    public void A_new_company_has_the_customers_name_domain_website_country_name_and_industry()
    {
        var company = InvitationMapping.NewCompany(new InvitationCustomer("Software and Internet", " Globex ", "https://www.globex.example", "DE"));

        company[CompanyProperties.Name].ShouldBe("Globex");
        company[CompanyProperties.Domain].ShouldBe("globex.example");
        company[CompanyProperties.Website].ShouldBe("https://www.globex.example");
        company[CompanyProperties.Country].ShouldBe("Germany");
        Countries.ToAlpha2(company[CompanyProperties.Country]).ShouldBe("DE");
        Industries.HubSpotIndustries.Single(i => i.Code == company[CompanyProperties.Industry]).Industry.ShouldBe("Software and Internet");
    }

    [Theory]
    [InlineData("maria@example.com", "Maria", "Seller", "Maria Seller <maria@example.com>")]
    [InlineData("maria@example.com", null, null, "maria@example.com")]
    [InlineData(null, "Maria", "Seller", "Maria Seller")]
    public void The_seller_is_named_as_the_review_sync_names_AWSs_seller(string? email, string? first, string? last, string expected) =>
        InvitationMapping.Seller([new SenderContact(email, first, last, null, null)]).ShouldBe(expected);

    [Fact]
    public void The_note_says_everything_AWS_sent_encoded()
    {
        var note = InvitationMapping.ReceivedNote(Invitation());

        note.ShouldContain("AWS referral</strong> engi-0123456789abc from AWS, to answer before 2026-12-16 09:00 UTC");
        note.ShouldContain("<blockquote>Please help &lt;Globex&gt;.</blockquote>");
        note.ShouldContain("<li><strong>Business problem:</strong> Globex wants &lt;one&gt; place for its sensor data &amp; predictions.</li>");
        note.ShouldContain("<li><strong>Expected spend:</strong> 25000.00 EUR monthly</li>");
        note.ShouldContain("<li><strong>AWS contacts:</strong> Maria Seller, AWS Account Manager, maria@example.com, +14155550100</li>");
        note.ShouldContain("<li><strong>Your responsibilities:</strong> Co-Sell Facilitator</li>");
        note.ShouldNotContain("<Globex>");
    }

    [Theory]
    [InlineData(49, false)]
    [InlineData(48, true)]
    [InlineData(1, true)]
    [InlineData(-1, false)]
    public void The_task_is_due_from_two_days_before_the_expiry_until_it(int hoursLeft, bool due)
    {
        var now = new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
        InvitationMapping.ReminderDue(now.AddHours(hoursLeft), now, TimeSpan.FromDays(2)).ShouldBe(due);
    }

    [Theory]
    [InlineData(false, null, "", "", false)]
    [InlineData(true, null, "", "", true)]
    [InlineData(true, "25000", "", "", true)]
    [InlineData(true, "25000.01", "", "", false)]
    [InlineData(true, null, "Manufacturing", "", true)]
    [InlineData(true, null, "Retail", "", false)]
    [InlineData(true, null, "", "DE", true)]
    [InlineData(true, "1000", "Manufacturing", "US", false)]
    public void The_auto_accept_rule_takes_a_referral_that_meets_every_condition_it_gives(bool enabled, string? minimum, string industry, string country, bool accepts)
    {
        var rule = new AutoAcceptOptions
        {
            Enabled = enabled,
            MinimumMonthlySpend = minimum is null ? null : decimal.Parse(minimum, CultureInfo.InvariantCulture),
            Industries = industry.Length == 0 ? [] : [industry],
            CountryCodes = country.Length == 0 ? [] : [country],
        };

        InvitationMapping.AutoAccepts(rule, Invitation()).ShouldBe(accepts);
    }

    [Fact]
    public void A_spend_condition_does_not_take_a_referral_without_spend() =>
        InvitationMapping.AutoAccepts(new AutoAcceptOptions { Enabled = true, MinimumMonthlySpend = 0 }, Invitation(amount: null)).ShouldBeFalse();

    [Theory]
    [InlineData("Pipeline", "")]
    [InlineData("Stage", " ")]
    [InlineData("OwnerId", "jane")]
    [InlineData("WarnBefore", "16.00:00:00")]
    [InlineData("AutoAccept:MinimumMonthlySpend", "-1")]
    [InlineData("AutoAccept:Industries", "Spaceships")]
    [InlineData("AutoAccept:CountryCodes", "XX")]
    public void Wrong_settings_are_refused_at_start_up_with_their_name(string setting, string value)
    {
        var options = new InvitationOptions();
        switch (setting)
        {
            case "Pipeline": options.Pipeline = value; break;
            case "Stage": options.Stage = value; break;
            case "OwnerId": options.OwnerId = value; break;
            case "WarnBefore": options.WarnBefore = TimeSpan.Parse(value, CultureInfo.InvariantCulture); break;
            case "AutoAccept:MinimumMonthlySpend": options.AutoAccept.MinimumMonthlySpend = decimal.Parse(value, CultureInfo.InvariantCulture); break;
            case "AutoAccept:Industries": options.AutoAccept.Industries = [value]; break;
            default: options.AutoAccept.CountryCodes = [value]; break;
        }

        var result = new InvitationOptionsValidator().Validate(null, options);

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain($"Processor:Invitations:{setting}");
        new InvitationOptionsValidator().Validate(null, new InvitationOptions()).Succeeded.ShouldBeTrue();
    }
}
