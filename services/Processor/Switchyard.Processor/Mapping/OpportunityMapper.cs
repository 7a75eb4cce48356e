using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Switchyard.PartnerCentral.Model;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.PartnerCentral;
using static Switchyard.Processor.Mapping.PartnerCentralValues;

namespace Switchyard.Processor.Mapping;

/// <summary>
/// Turns a HubSpot deal, its company and contacts into Partner Central's <c>CreateOpportunity</c> and
/// <c>UpdateOpportunity</c> requests. Pure: no I/O, "today" comes from the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class OpportunityMapper
{
    static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    readonly MappingOptions options;
    readonly TimeProvider time;
    readonly StageMap stages;
    readonly IReadOnlyList<string> defaultDeliveryModels;
    readonly IReadOnlyList<string> defaultPrimaryNeeds;
    readonly string defaultUseCase;

    /// <summary>Creates the mapper.</summary>
    /// <exception cref="OptionsValidationException">The options are invalid (see <see cref="MappingOptionsValidator"/>).</exception>
    public OpportunityMapper(IOptions<MappingOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        this.options = options.Value;
        this.time = time;

        // Start-up validation normally catches these first; a mapper built by hand must not run on bad options either.
        var validation = new MappingOptionsValidator().Validate(null, this.options);
        if (validation.Failed)
            throw new OptionsValidationException(MappingOptions.Section, typeof(MappingOptions), validation.Failures);

        stages = new StageMap(this.options.StageMap, this.options.DefaultStage);
        defaultDeliveryModels = DeliveryModels.FindAll(this.options.DefaultDeliveryModels);
        defaultPrimaryNeeds = PrimaryNeeds.FindAll(this.options.DefaultPrimaryNeeds);
        defaultUseCase = CustomerUseCases.Find(this.options.DefaultUseCase)!;
    }

    DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>Whether the deal's name carries the configured tag (<c>Mapping:Tag</c>), which puts it in scope.</summary>
    public bool IsTagged(HubSpotDeal deal) => AwsTag.IsTagged(deal.Property(DealProperties.Name), options.Tag);

    /// <summary>The configured tag, e.g. <c>#AWS</c>.</summary>
    public string Tag => options.Tag;

    /// <summary>The <c>CreateOpportunity</c> request for a deal (without <c>Catalog</c>, which the client sets).</summary>
    /// <param name="deal">The deal.</param>
    /// <param name="company">The deal's (primary) company, when it has one.</param>
    /// <param name="contacts">The deal's contacts, in the order they should appear.</param>
    /// <param name="clientToken">Partner Central's idempotency token for this creation: 1 to 64 printable ASCII characters.</param>
    /// <exception cref="ArgumentException"><paramref name="clientToken"/> is not a token Partner Central accepts.</exception>
    /// <exception cref="NotSyncableException">
    /// The company has no name (Partner Central requires <c>Customer.Account.CompanyName</c>), or the deal has an amount
    /// in a currency Partner Central does not accept.
    /// </exception>
    public CreateOpportunityRequest MapCreate(HubSpotDeal deal, HubSpotCompany? company, IReadOnlyList<HubSpotContact> contacts, string clientToken)
    {
        ArgumentNullException.ThrowIfNull(deal);
        ArgumentNullException.ThrowIfNull(contacts);
        ArgumentNullException.ThrowIfNull(clientToken);
        // Partner Central's ClientToken pattern: ^[!-~]{1,64}$.
        if (clientToken.Length is 0 or > 64 || !clientToken.All(c => c is >= '!' and <= '~'))
            throw new ArgumentException("A client token is 1 to 64 printable ASCII characters without spaces.", nameof(clientToken));

        var stage = stages.Map(deal.Property(DealProperties.Stage));
        var account = company is null ? null : AccountOf(company);
        var mappedContacts = Customers.Contacts(contacts, PhoneCountry(company));
        var spend = Spend.From(deal.Property(DealProperties.Amount), deal.Property(DealProperties.Currency));

        return new CreateOpportunityRequest
        {
            ClientToken = clientToken,
            Origin = PartnerReferral,
            PartnerOpportunityIdentifier = PartnerOpportunityIdentifier(deal),
            OpportunityType = OpportunityTypes.Map(deal.Property(DealProperties.DealType)),
            PrimaryNeedsFromAws = Found(PrimaryNeeds.FindAll(deal.Property(DealProperties.PrimaryNeeds))) ?? defaultPrimaryNeeds,
            Customer = account is null && mappedContacts.Count == 0
                ? null
                : new Customer { Account = account, Contacts = mappedContacts.Count == 0 ? null : mappedContacts },
            LifeCycle = new LifeCycle
            {
                Stage = stage,
                TargetCloseDate = CloseDates.Target(deal.Property(DealProperties.CloseDate), Today, options.FallbackCloseDateDays),
                ClosedLostReason = stage == Stage.ClosedLost ? Other : null,
            },
            Project = new Project
            {
                Title = Title(deal),
                CustomerBusinessProblem = BusinessProblem(deal.Property(DealProperties.Description), deal.Id),
                CustomerUseCase = UseCase(deal) ?? defaultUseCase,
                DeliveryModels = Found(DeliveryModels.FindAll(deal.Property(DealProperties.DeliveryModels))) ?? defaultDeliveryModels,
                ExpectedCustomerSpend = spend is null ? null : [spend],
                SalesActivities = StageMap.SalesActivitiesAt(stage),
            },
            Marketing = new Marketing { Source = NoMarketingSource },
        };
    }

    /// <summary>
    /// The complete <c>UpdateOpportunity</c> body (without <c>Catalog</c>, which the client sets): the current
    /// opportunity as far as UpdateOpportunity accepts it, with what the deal says laid over it.
    /// </summary>
    /// <remarks>
    /// <para>
    /// UpdateOpportunity replaces the whole record, so everything Switchyard does not map is sent back as
    /// GetOpportunity returned it, members unknown to Switchyard's copy of AWS's model included (see
    /// <see cref="UpdatePayload"/> for what is left out), and a value HubSpot does not have never clears one Partner
    /// Central has. <c>Identifier</c> is the current <c>Id</c>,
    /// <c>LastModifiedDate</c> is echoed exactly as received, and <c>Project.Title</c> stays as it is: Partner Central
    /// does not let it change.
    /// </para>
    /// <para>
    /// Laid over it: <c>PartnerOpportunityIdentifier</c>; <c>OpportunityType</c>, <c>PrimaryNeedsFromAws</c>,
    /// <c>Project.DeliveryModels</c> and <c>Project.CustomerUseCase</c> when the deal has valid values (defaults only
    /// where the opportunity has none); <c>Customer.Account</c> member by member when a company is given (its address
    /// as a whole, so that an old state never sits in a new country; <c>OtherIndustry</c> removed when the industry is
    /// no longer <c>Other</c>); <c>Customer.Contacts</c> when contacts are given; <c>LifeCycle.Stage</c> (an unknown
    /// HubSpot stage keeps the current stage, the default stage is for opportunities without one);
    /// <c>LifeCycle.TargetCloseDate</c> when the deal's is today or later (otherwise the current one while it is not
    /// past, else today plus the fallback days); <c>LifeCycle.NextSteps</c> from <paramref name="nextSteps"/>;
    /// <c>LifeCycle.ClosedLostReason</c> <c>Other</c> for a lost opportunity without a reason, removed from one that
    /// is not lost; <c>Project.CustomerBusinessProblem</c> when the deal has a description;
    /// <c>Project.ExpectedCustomerSpend</c> when the deal has an amount (into the first entry, whose other members,
    /// such as an <c>EstimationUrl</c>, stay); <c>Project.SalesActivities</c> with the
    /// stage's activities added to those already there; <c>Marketing.Source</c> <c>None</c> when unset.
    /// </para>
    /// </remarks>
    /// <param name="current">The opportunity as GetOpportunity returned it.</param>
    /// <param name="deal">The deal.</param>
    /// <param name="company">The deal's (primary) company; null leaves <c>Customer.Account</c> as it is.</param>
    /// <param name="contacts">The deal's contacts; none leaves <c>Customer.Contacts</c> as it is.</param>
    /// <param name="nextSteps">
    /// Plain text for <c>LifeCycle.NextSteps</c>, e.g. <see cref="NextStepsText.FromNoteHtml"/> of a note; it is
    /// fitted to the limit here too. Null leaves the current next steps.
    /// </param>
    /// <exception cref="InvalidOperationException">The current opportunity has no <c>Id</c> or no <c>LastModifiedDate</c>.</exception>
    /// <exception cref="NotSyncableException">
    /// The company has no name, or the deal has an amount in a currency Partner Central does not accept (for an
    /// opportunity in the AWS European Sovereign Cloud, any but EUR).
    /// </exception>
    public JsonObject MapUpdate(OpportunityDocument current, HubSpotDeal deal, HubSpotCompany? company, IReadOnlyList<HubSpotContact> contacts, string? nextSteps = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(deal);
        ArgumentNullException.ThrowIfNull(contacts);

        var body = new JsonObject
        {
            ["Identifier"] = current.Id,
            ["LastModifiedDate"] = current.LastModifiedDate?.DeepClone()
                ?? throw new InvalidOperationException("GetOpportunity returned no LastModifiedDate."),
        };
        var kept = UpdatePayload.From(current.Raw);
        foreach (var (name, value) in kept.ToList())
        {
            kept.Remove(name);
            body[name] = value;
        }

        body["PartnerOpportunityIdentifier"] = PartnerOpportunityIdentifier(deal);
        if (OpportunityTypes.Find(deal.Property(DealProperties.DealType)) is { } type)
            body["OpportunityType"] = type;
        else if (Text(body["OpportunityType"]) is null)
            body["OpportunityType"] = OpportunityType.NetNewBusiness;
        SetList(body, "PrimaryNeedsFromAws", PrimaryNeeds.FindAll(deal.Property(DealProperties.PrimaryNeeds)), defaultPrimaryNeeds);

        OverlayCustomer(body, company, contacts);
        var stage = OverlayLifeCycle(Child(body, "LifeCycle"), deal, nextSteps);
        OverlayProject(Child(body, "Project"), deal, stage);

        var marketing = Child(body, "Marketing");
        if (Text(marketing["Source"]) is null)
            marketing["Source"] = NoMarketingSource;

        return body;
    }

    /// <summary>
    /// The fields an update changes: dotted paths two levels deep at most (<c>LifeCycle.Stage</c>,
    /// <c>Customer.Account</c>, <c>Project.ExpectedCustomerSpend</c>, <c>OpportunityType</c>), in ordinal order.
    /// </summary>
    /// <remarks>
    /// Only what UpdateOpportunity carries counts (see <see cref="UpdatePayload"/>): GetOpportunity's read-only fields
    /// and the request's bookkeeping (<c>Identifier</c>, <c>LastModifiedDate</c>, <c>Catalog</c>) are not changes. A
    /// missing value and a null one are the same.
    /// </remarks>
    public static IReadOnlyList<string> ChangedFields(JsonObject current, JsonObject update)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(update);

        var before = UpdatePayload.From(current);
        var after = UpdatePayload.From(update);
        var changed = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var name in before.Select(m => m.Key).Union(after.Select(m => m.Key)))
        {
            var (old, @new) = (before[name], after[name]);
            if (old is JsonObject || @new is JsonObject)
            {
                var members = (old as JsonObject ?? []).Select(m => m.Key).Union((@new as JsonObject ?? []).Select(m => m.Key));
                foreach (var member in members)
                {
                    if (!JsonNode.DeepEquals(old?[member], @new?[member]))
                        changed.Add($"{name}.{member}");
                }
            }
            else if (!JsonNode.DeepEquals(old, @new))
                changed.Add(name);
        }

        return [.. changed];
    }

    /// <summary>
    /// Checks a request against AWS's model of the API and the rules AWS documents, as Partner Central would, before it
    /// is sent: the safety net under the mapping, so that a request AWS would refuse for its shape is never sent.
    /// </summary>
    /// <param name="operation"><c>CreateOpportunity</c> or <c>UpdateOpportunity</c>.</param>
    /// <param name="body">The request without <c>Catalog</c>, which the client sets.</param>
    /// <param name="catalog">The catalog the client will set.</param>
    /// <param name="current">
    /// For an update, the opportunity as GetOpportunity returned it: a problem with a value sent back exactly as AWS
    /// returned it is AWS's to judge, not Switchyard's (a value a newer model allows, say), and is let through.
    /// </param>
    /// <exception cref="NotSyncableException">The request breaks the model or a documented rule (<see cref="NotSyncableException.RequestInvalid"/>).</exception>
    public static void EnsureValid(string operation, JsonObject body, string catalog, JsonObject? current = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        var request = (JsonObject)body.DeepClone();
        request["Catalog"] = catalog;

        var model = ServiceModel.PartnerCentralSelling;
        var problems = model.Validate(operation, request).Where(v => !SentBack(v, request, current)).ToList();
        if (problems.Count == 0)
            problems = model.CheckRules(operation, request).Where(v => !SentBack(v, request, current)).ToList();
        if (problems.Count > 0)
            throw new NotSyncableException(NotSyncableException.RequestInvalid,
                $"Switchyard did not send the {operation} request because Partner Central would refuse it: " +
                string.Join("; ", problems.Take(3).Select(p => p.Sentence)) +
                (problems.Count > 3 ? $" (and {problems.Count - 3} more)" : "") + ".");
    }

    /// <inheritdoc cref="EnsureValid(string, JsonObject, string, JsonObject?)"/>
    public static void EnsureValid(CreateOpportunityRequest request, string catalog) =>
        EnsureValid("CreateOpportunity", JsonSerializer.SerializeToNode(request, Json)!.AsObject(), catalog);

    static bool SentBack(ModelViolation violation, JsonObject request, JsonObject? current) =>
        current is not null && JsonNode.DeepEquals(At(request, violation.Path), At(current, violation.Path));

    // A value by the path a violation names: members joined by '.', list items as [i].
    static JsonNode? At(JsonNode? node, string path)
    {
        foreach (var segment in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            node = node?[bracket < 0 ? segment : segment[..bracket]];
            while (bracket >= 0 && node is JsonArray items)
            {
                var close = segment.IndexOf(']', bracket);
                var index = int.Parse(segment.AsSpan(bracket + 1, close - bracket - 1), CultureInfo.InvariantCulture);
                node = index < items.Count ? items[index] : null;
                bracket = segment.IndexOf('[', close);
            }
        }

        return node;
    }

    /// <summary>The title for a deal: its name without the scope tag, within Partner Central's limit.</summary>
    public string Title(HubSpotDeal deal)
    {
        ArgumentNullException.ThrowIfNull(deal);
        var name = deal.Property(DealProperties.Name) ?? "";
        return TextLimits.Fit(AwsTag.Remove(name, options.Tag), PartnerCentralLimits.Title)
            ?? TextLimits.Fit(name, PartnerCentralLimits.Title)
            ?? $"HubSpot deal {deal.Id.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>
    /// <c>Project.CustomerBusinessProblem</c> from a deal's description: within Partner Central's 20 to 2000
    /// characters. A short description is completed with where it comes from (<c>(from HubSpot deal 123)</c>), a
    /// missing one says it is not yet described, a long one is cut and ends with <see cref="TextLimits.Ellipsis"/>.
    /// </summary>
    /// <remarks>Characters are counted as AWS counts them (<see cref="TextLimits.Length"/>): ten emoji are ten, not twenty.</remarks>
    public static string BusinessProblem(string? description, long dealId)
    {
        var text = TextLimits.Clean(description, keepLineBreaks: true) ?? "Not yet described";
        if (TextLimits.Length(text) < PartnerCentralLimits.BusinessProblemMin)
            text = $"{text} (from HubSpot deal {dealId.ToString(CultureInfo.InvariantCulture)})";
        var missing = PartnerCentralLimits.BusinessProblemMin - TextLimits.Length(text);
        if (missing > 0)
            text += new string('.', missing);
        return TextLimits.Truncate(text, PartnerCentralLimits.BusinessProblem, TextLimits.Ellipsis);
    }

    static string PartnerOpportunityIdentifier(HubSpotDeal deal) => deal.Id.ToString(CultureInfo.InvariantCulture);

    static string? UseCase(HubSpotDeal deal) =>
        CustomerUseCases.FindAll(deal.Property(DealProperties.UseCase)) is [var first, ..] ? first : null;

    static IReadOnlyList<string>? Found(IReadOnlyList<string> values) => values.Count == 0 ? null : values;

    // The country phone numbers without a country code are read in.
    string? PhoneCountry(HubSpotCompany? company) =>
        company?.Property(CompanyProperties.Country) is { } country && Countries.Find(country)?.CallingCode is not null
            ? country
            : options.DefaultPhoneCountry;

    // The account of a deal's company, which must have a name: Partner Central requires Customer.Account.CompanyName.
    static Account AccountOf(HubSpotCompany company) =>
        Customers.Account(company) is { CompanyName: not null } account
            ? account
            : throw new NotSyncableException(NotSyncableException.CompanyNameMissing,
                $"The deal's company (HubSpot company {company.Id.ToString(CultureInfo.InvariantCulture)}) has no name, and Partner Central " +
                "requires the customer's company name. Give the company a name in HubSpot.");

    void OverlayCustomer(JsonObject body, HubSpotCompany? company, IReadOnlyList<HubSpotContact> contacts)
    {
        if (company is not null && AccountOf(company) is { } account)
        {
            var current = Child(Child(body, "Customer"), "Account");
            var mapped = ToNode(account);
            foreach (var (name, value) in mapped.ToList())
            {
                mapped.Remove(name);
                current[name] = value;
            }

            if (account.Industry is { } industry && industry != Other)
                current.Remove("OtherIndustry");
        }

        var mappedContacts = Customers.Contacts(contacts, PhoneCountry(company));
        if (mappedContacts.Count > 0)
            Child(body, "Customer")["Contacts"] = JsonSerializer.SerializeToNode(mappedContacts, Json);
    }

    string OverlayLifeCycle(JsonObject lifeCycle, HubSpotDeal deal, string? nextSteps)
    {
        var hubSpotStage = deal.Property(DealProperties.Stage);
        var stage = stages.Find(hubSpotStage)
            ?? Stages.Find(Text(lifeCycle["Stage"]))
            ?? stages.DefaultStage;
        lifeCycle["Stage"] = stage;

        var today = Today;
        if (CloseDates.Future(deal.Property(DealProperties.CloseDate), today) is { } closeDate)
            lifeCycle["TargetCloseDate"] = closeDate.ToString(CloseDates.Format, CultureInfo.InvariantCulture);
        else if (!CloseDates.IsTodayOrLater(Text(lifeCycle["TargetCloseDate"]), today))
            lifeCycle["TargetCloseDate"] = CloseDates.Target(null, today, options.FallbackCloseDateDays);

        if (stage != Stage.ClosedLost)
            lifeCycle.Remove("ClosedLostReason");
        else if (Text(lifeCycle["ClosedLostReason"]) is null)
            lifeCycle["ClosedLostReason"] = Other;

        if (NextStepsText.Fit(nextSteps) is { } steps)
            lifeCycle["NextSteps"] = steps;
        return stage;
    }

    void OverlayProject(JsonObject project, HubSpotDeal deal, string stage)
    {
        var description = deal.Property(DealProperties.Description);
        if (TextLimits.Clean(description) is not null || Text(project["CustomerBusinessProblem"]) is null)
            project["CustomerBusinessProblem"] = BusinessProblem(description, deal.Id);

        if (UseCase(deal) is { } useCase)
            project["CustomerUseCase"] = useCase;
        else if (Text(project["CustomerUseCase"]) is null)
            project["CustomerUseCase"] = defaultUseCase;

        SetList(project, "DeliveryModels", DeliveryModels.FindAll(deal.Property(DealProperties.DeliveryModels)), defaultDeliveryModels);

        if (Spend.From(deal.Property(DealProperties.Amount), deal.Property(DealProperties.Currency)) is { } spend)
        {
            // ExpectedCustomerSpend.CurrencyCode: "If the AWS Partition is aws-eusc (AWS European Sovereign Cloud), the
            // currency code must be EUR."
            if (Text(project["AwsPartition"]) == DocumentedRules.EuropeanSovereignCloud && spend.CurrencyCode != "EUR")
                throw Spend.NotAccepted(spend.CurrencyCode!, "EUR", $" for opportunities in the AWS European Sovereign Cloud ({DocumentedRules.EuropeanSovereignCloud})");

            // The deal's spend goes into the first entry, over what it holds (an EstimationUrl someone added stays).
            if (project["ExpectedCustomerSpend"] is JsonArray { Count: > 0 } entries && entries[0] is JsonObject first)
            {
                foreach (var (name, value) in ToNode(spend).ToList())
                    first[name] = value?.DeepClone();
            }
            else
                project["ExpectedCustomerSpend"] = new JsonArray(ToNode(spend));
        }

        var activities = Texts(project["SalesActivities"]);
        foreach (var activity in StageMap.SalesActivitiesAt(stage))
        {
            if (!activities.Contains(activity))
                activities.Add(activity);
        }

        project["SalesActivities"] = JsonSerializer.SerializeToNode(activities, Json);
    }

    // Sets a list from the deal's values; without any, keeps the current list, or sets the defaults if there is none.
    static void SetList(JsonObject target, string name, IReadOnlyList<string> values, IReadOnlyList<string> defaults)
    {
        if (values.Count > 0)
            target[name] = JsonSerializer.SerializeToNode(values, Json);
        else if (Texts(target[name]).Count == 0)
            target[name] = JsonSerializer.SerializeToNode(defaults, Json);
    }

    static JsonObject Child(JsonObject parent, string name)
    {
        if (parent[name] is JsonObject child)
            return child;
        child = new JsonObject();
        parent[name] = child;
        return child;
    }

    static JsonObject ToNode<T>(T value) => JsonSerializer.SerializeToNode(value, Json)!.AsObject();

    static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    static List<string> Texts(JsonNode? node) =>
        node is JsonArray array ? [.. array.Select(Text).OfType<string>()] : [];
}
