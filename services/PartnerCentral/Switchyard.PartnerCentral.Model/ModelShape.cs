namespace Switchyard.PartnerCentral.Model;

// The model's own type names.
#pragma warning disable CA1720

/// <summary>The kinds of shape a botocore model has.</summary>
public enum ShapeKind
{
    /// <summary>Named members, some required: a JSON object.</summary>
    Structure,

    /// <summary>A structure of which exactly one member is set.</summary>
    Union,

    /// <summary>Items of one shape: a JSON array.</summary>
    List,

    /// <summary>Keys and values of one shape each: a JSON object.</summary>
    Map,

    /// <summary>A JSON string.</summary>
    String,

    /// <summary>A JSON number without fraction, 32 bits.</summary>
    Integer,

    /// <summary>A JSON number without fraction, 64 bits.</summary>
    Long,

    /// <summary>A JSON number.</summary>
    Double,

    /// <summary>A JSON <c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>An instant: an RFC 3339 string (<c>iso8601</c>) or, by default in AWS JSON, epoch seconds.</summary>
    Timestamp,

    /// <summary>Bytes, as a base64 JSON string.</summary>
    Blob,
}

#pragma warning restore CA1720

/// <summary>One shape of the model, with the constraints botocore carries for it.</summary>
public sealed class ModelShape
{
    readonly Dictionary<string, ModelMember> _byName = new(StringComparer.Ordinal);
    readonly List<ModelMember> _members = [];

    internal ModelShape(string name, ShapeKind kind)
    {
        Name = name;
        Kind = kind;
    }

    /// <summary>The shape's name in the model, e.g. <c>Account</c>.</summary>
    public string Name { get; }

    /// <summary>What kind of value it is.</summary>
    public ShapeKind Kind { get; }

    /// <summary>A structure's or union's members, in the model's order; empty for other shapes.</summary>
    public IReadOnlyList<ModelMember> Members => _members;

    /// <summary>A list's item shape, or a map's value shape; null for other shapes.</summary>
    public ModelShape? Item { get; internal set; }

    /// <summary>A map's key shape; null for other shapes.</summary>
    public ModelShape? Key { get; internal set; }

    /// <summary>A string's allowed values (the model's <c>enum</c>), or null.</summary>
    public IReadOnlyList<string>? Enum { get; internal set; }

    /// <summary>
    /// The least length (strings: Unicode scalar values; lists and maps: entries) or value (numbers), or null.
    /// </summary>
    public long? Min { get; internal set; }

    /// <summary>The greatest length or value, or null.</summary>
    public long? Max { get; internal set; }

    /// <summary>A string's pattern, matched against the whole value, or null.</summary>
    public ModelPattern? Pattern { get; internal set; }

    /// <summary>Whether values of this shape may be personal data (the model's <c>sensitive</c>).</summary>
    public bool Sensitive { get; internal set; }

    /// <summary>A timestamp's wire format: <c>iso8601</c>, <c>unixTimestamp</c> (the AWS JSON default) or <c>rfc822</c>.</summary>
    public string? TimestampFormat { get; internal set; }

    /// <summary>The shape's documentation, as HTML.</summary>
    public string Documentation { get; internal set; } = "";

    /// <summary>A member by name, or null.</summary>
    public ModelMember? Member(string name) => _byName.GetValueOrDefault(name);

    internal void Add(ModelMember member)
    {
        _members.Add(member);
        _byName.Add(member.Name, member);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Kind})";
}

/// <summary>A member of a structure or union.</summary>
public sealed class ModelMember
{
    internal ModelMember(ModelShape parent, string name, ModelShape shape, bool required, string documentation)
    {
        Parent = parent;
        Name = name;
        Shape = shape;
        Required = required;
        Documentation = documentation;
    }

    /// <summary>The structure the member belongs to.</summary>
    public ModelShape Parent { get; }

    /// <summary>The member's name, as on the wire.</summary>
    public string Name { get; }

    /// <summary>The shape of its value.</summary>
    public ModelShape Shape { get; }

    /// <summary>Whether the structure must have it.</summary>
    public bool Required { get; }

    /// <summary>The member's documentation, as HTML.</summary>
    public string Documentation { get; }

    /// <summary>
    /// A constraint AWS documents for the member but the model does not express (a value list, a range), read from
    /// the member's documentation; null when there is none (see <see cref="DocumentedConstraint"/>).
    /// </summary>
    public DocumentedConstraint? Documented { get; internal set; }

    /// <inheritdoc />
    public override string ToString() => $"{Parent.Name}.{Name}";
}
