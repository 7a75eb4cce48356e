using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchyard.PartnerCentral.Model;

/// <summary>An operation of the model.</summary>
/// <param name="Name">E.g. <c>UpdateOpportunity</c>.</param>
/// <param name="Input">Its request shape, or null when it takes none.</param>
/// <param name="Output">Its response shape, or null when it returns none.</param>
/// <param name="Errors">The error shapes it may answer with, e.g. <c>ValidationException</c>.</param>
public sealed record ModelOperation(string Name, ModelShape? Input, ModelShape? Output, IReadOnlyList<string> Errors);

/// <summary>
/// AWS's model of the Partner Central Selling API, read from botocore's <c>service-2.json</c>: its operations and
/// shapes, and a validator that checks a request the way the service does.
/// </summary>
/// <remarks>
/// <see cref="PartnerCentralSelling"/> is the model embedded in this assembly (see <c>AwsModel/README.md</c>).
/// <see cref="Validate(string, JsonObject)"/> checks what the model states (JSON types, required members, enums, lengths, patterns,
/// list sizes, ranges) and the value lists AWS documents for single members (<see cref="DocumentedConstraint"/>);
/// <see cref="CheckRules"/> checks the rules AWS documents across members (<see cref="DocumentedRules"/>). Members the
/// model does not know are ignored, as AWS's JSON services ignore them: a request may carry a member that a newer model
/// has.
/// </remarks>
public sealed class ServiceModel
{
    const string EmbeddedServiceModel = "partnercentral-selling.service-2.json";

    static readonly Lazy<ServiceModel> Embedded = new(() =>
    {
        using var stream = typeof(ServiceModel).Assembly.GetManifestResourceStream(EmbeddedServiceModel)
                           ?? throw new InvalidOperationException($"The assembly lacks its embedded {EmbeddedServiceModel}.");
        return Load(stream);
    });

    // Members whose documentation states a constraint the model's traits do not (each quoted in the member's
    // documentation, which is also the text of the member on the data type's page of the Partner Central API
    // reference, docs.aws.amazon.com/partner-central/latest/APIReference/API_<Shape>.html).
    static readonly (string Shape, string Member, Func<string, DocumentedConstraint> Read)[] DocumentedMembers =
    [
        // API_Project: "Valid values: AI Machine Learning and Analytics | Archiving | ..." for a plain String.
        ("Project", "CustomerUseCase", DocumentedConstraint.PipeList),
        // API_Project: "Valid values: APN Immersion Days | APN Solution Space | ...".
        ("Project", "ApnPrograms", DocumentedConstraint.PipeList),
        // API_Marketing: "Valid values: AI/ML | Analytics | ...".
        ("Marketing", "UseCases", DocumentedConstraint.PipeList),
        // API_ExpectedCustomerSpend: "Accepted values are USD (US Dollars) and EUR (Euros)", narrower than the
        // CurrencyCode enum's 168 codes.
        ("ExpectedCustomerSpend", "CurrencyCode", DocumentedConstraint.AcceptedValues),
        // API_MonetaryValue: the same sentence.
        ("MonetaryValue", "CurrencyCode", DocumentedConstraint.AcceptedValues),
        // API_ExpectedContractDuration: "Valid values range from 1 to 144" for a String.
        ("ExpectedContractDuration", "Value", DocumentedConstraint.IntegerRange),
        // API_RejectEngagementInvitation: "Acceptable values include the following: Customer problem unclear | ...",
        // for a string whose pattern takes any text.
        ("RejectEngagementInvitationRequest", "RejectionReason", DocumentedConstraint.AcceptableValuesList),
    ];

    readonly Dictionary<string, ModelShape> _shapes;
    readonly Dictionary<string, ModelOperation> _operations;

    ServiceModel(Dictionary<string, ModelShape> shapes, Dictionary<string, ModelOperation> operations, string apiVersion, string targetPrefix)
    {
        _shapes = shapes;
        _operations = operations;
        ApiVersion = apiVersion;
        TargetPrefix = targetPrefix;
        UsStates = DocumentedConstraint.PipeList(Shape("Address").Member("StateOrRegion")!.Documentation);
    }

    /// <summary>The model of Partner Central Selling embedded in this assembly, loaded once.</summary>
    public static ServiceModel PartnerCentralSelling => Embedded.Value;

    /// <summary>The API version, e.g. <c>2022-07-26</c>.</summary>
    public string ApiVersion { get; }

    /// <summary>The <c>X-Amz-Target</c> prefix, e.g. <c>AWSPartnerCentralSelling</c>.</summary>
    public string TargetPrefix { get; }

    /// <summary>Every operation, by name.</summary>
    public IReadOnlyDictionary<string, ModelOperation> Operations => _operations;

    /// <summary>Every shape, by name.</summary>
    public IReadOnlyDictionary<string, ModelShape> Shapes => _shapes;

    /// <summary>
    /// The values documented for <c>Address.StateOrRegion</c>: the United States' states and territories, which
    /// <see cref="DocumentedRules"/> applies to US addresses.
    /// </summary>
    public DocumentedConstraint UsStates { get; }

    /// <summary>A shape by name.</summary>
    /// <exception cref="KeyNotFoundException">The model has no such shape.</exception>
    public ModelShape Shape(string name) =>
        _shapes.TryGetValue(name, out var shape) ? shape : throw new KeyNotFoundException($"The model has no shape {name}.");

    /// <summary>An operation by name.</summary>
    /// <exception cref="KeyNotFoundException">The model has no such operation.</exception>
    public ModelOperation Operation(string name) =>
        _operations.TryGetValue(name, out var operation) ? operation : throw new KeyNotFoundException($"The model has no operation {name}.");

    /// <summary>
    /// Every violation of the model and of the documented member constraints in <paramref name="request"/>, the input
    /// of <paramref name="operation"/>, in document order; empty when it is valid. Unknown members are ignored.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The model has no such operation.</exception>
    public IReadOnlyList<ModelViolation> Validate(string operation, JsonObject request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var input = Operation(operation).Input;
        var violations = new List<ModelViolation>();
        if (input is not null)
            RequestValidator.Check(request, input, "", violations);
        return violations;
    }

    /// <summary>
    /// Every violation of <paramref name="shape"/>'s constraints in <paramref name="value"/>, e.g. to check that an
    /// answer has the shape of an operation's output.
    /// </summary>
    public static IReadOnlyList<ModelViolation> Validate(ModelShape shape, JsonNode value)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(value);
        var violations = new List<ModelViolation>();
        RequestValidator.Check(value, shape, "", violations);
        return violations;
    }

    /// <summary>
    /// Every broken rule of those AWS documents across the members of <paramref name="operation"/>'s request (see
    /// <see cref="DocumentedRules"/>); empty when none is broken or the operation has none.
    /// </summary>
    public IReadOnlyList<ModelViolation> CheckRules(string operation, JsonObject request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return DocumentedRules.Check(this, operation, request);
    }

    /// <summary>
    /// The model's violations of <paramref name="request"/> or, when there are none, its broken documented rules: what
    /// AWS would refuse it for, in the order AWS checks (the shape first, then the business rules).
    /// </summary>
    public IReadOnlyList<ModelViolation> Check(string operation, JsonObject request)
    {
        var violations = Validate(operation, request);
        return violations.Count > 0 ? violations : CheckRules(operation, request);
    }

    /// <summary>Reads a botocore <c>service-2.json</c>.</summary>
    /// <exception cref="FormatException">The model is not one this reader understands.</exception>
    /// <exception cref="NotSupportedException">A pattern uses a construct <see cref="ModelPattern"/> does not translate.</exception>
    public static ServiceModel Load(Stream serviceModel)
    {
        ArgumentNullException.ThrowIfNull(serviceModel);
        using var document = JsonDocument.Parse(serviceModel);
        var root = document.RootElement;
        var metadata = root.GetProperty("metadata");
        var shapesJson = root.GetProperty("shapes");

        var shapes = new Dictionary<string, ModelShape>(StringComparer.Ordinal);
        foreach (var property in shapesJson.EnumerateObject())
            shapes.Add(property.Name, new ModelShape(property.Name, KindOf(property.Name, property.Value)));

        foreach (var property in shapesJson.EnumerateObject())
            Fill(shapes[property.Name], property.Value, shapes);

        foreach (var (shapeName, memberName, read) in DocumentedMembers)
        {
            var member = shapes.GetValueOrDefault(shapeName)?.Member(memberName)
                         ?? throw new FormatException($"The model has no {shapeName}.{memberName}, whose documented constraint Switchyard checks.");
            try
            {
                member.Documented = read(member.Documentation);
            }
            catch (FormatException e)
            {
                throw new FormatException($"{shapeName}.{memberName}: {e.Message}", e);
            }
        }

        var operations = new Dictionary<string, ModelOperation>(StringComparer.Ordinal);
        foreach (var property in root.GetProperty("operations").EnumerateObject())
        {
            var operation = property.Value;
            var errors = operation.TryGetProperty("errors", out var list)
                ? list.EnumerateArray().Select(e => e.GetProperty("shape").GetString()!).ToList()
                : [];
            operations.Add(property.Name, new ModelOperation(property.Name,
                ShapeOf(operation, "input", shapes), ShapeOf(operation, "output", shapes), errors));
        }

        return new ServiceModel(shapes, operations, metadata.GetProperty("apiVersion").GetString()!, metadata.GetProperty("targetPrefix").GetString()!);
    }

    static ModelShape? ShapeOf(JsonElement operation, string name, Dictionary<string, ModelShape> shapes) =>
        operation.TryGetProperty(name, out var reference) ? shapes[reference.GetProperty("shape").GetString()!] : null;

    static ShapeKind KindOf(string name, JsonElement shape)
    {
        var type = shape.GetProperty("type").GetString();
        return type switch
        {
            "structure" when shape.TryGetProperty("union", out var union) && union.GetBoolean() => ShapeKind.Union,
            "structure" => ShapeKind.Structure,
            "list" => ShapeKind.List,
            "map" => ShapeKind.Map,
            "string" => ShapeKind.String,
            "integer" => ShapeKind.Integer,
            "long" => ShapeKind.Long,
            "double" or "float" => ShapeKind.Double,
            "boolean" => ShapeKind.Boolean,
            "timestamp" => ShapeKind.Timestamp,
            "blob" => ShapeKind.Blob,
            _ => throw new FormatException($"Shape {name} has type '{type}', which Switchyard does not read."),
        };
    }

    static void Fill(ModelShape shape, JsonElement json, Dictionary<string, ModelShape> shapes)
    {
        if (json.TryGetProperty("documentation", out var documentation))
            shape.Documentation = documentation.GetString() ?? "";
        if (json.TryGetProperty("min", out var min))
            shape.Min = min.GetInt64();
        if (json.TryGetProperty("max", out var max))
            shape.Max = max.GetInt64();
        if (json.TryGetProperty("sensitive", out var sensitive))
            shape.Sensitive = sensitive.GetBoolean();
        if (json.TryGetProperty("timestampFormat", out var format))
            shape.TimestampFormat = format.GetString();
        if (json.TryGetProperty("enum", out var values))
            shape.Enum = values.EnumerateArray().Select(v => v.GetString()!).ToList();
        if (json.TryGetProperty("pattern", out var pattern))
            shape.Pattern = new ModelPattern(pattern.GetString()!);

        if (json.TryGetProperty("member", out var item))
            shape.Item = shapes[item.GetProperty("shape").GetString()!];
        if (json.TryGetProperty("key", out var key))
            shape.Key = shapes[key.GetProperty("shape").GetString()!];
        if (json.TryGetProperty("value", out var value))
            shape.Item = shapes[value.GetProperty("shape").GetString()!];

        if (!json.TryGetProperty("members", out var members))
            return;
        var required = json.TryGetProperty("required", out var names)
            ? names.EnumerateArray().Select(n => n.GetString()!).ToHashSet(StringComparer.Ordinal)
            : [];
        foreach (var member in members.EnumerateObject())
        {
            var target = shapes[member.Value.GetProperty("shape").GetString()!];
            var memberDocumentation = member.Value.TryGetProperty("documentation", out var text) ? text.GetString() ?? "" : "";
            shape.Add(new ModelMember(shape, member.Name, target, required.Contains(member.Name), memberDocumentation));
        }
    }
}
