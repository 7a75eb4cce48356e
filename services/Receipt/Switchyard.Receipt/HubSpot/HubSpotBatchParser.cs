using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Switchyard.Contracts.HubSpot;
using Switchyard.Hosting;
using Switchyard.Hosting.Messaging;

namespace Switchyard.Receipt.HubSpot;

/// <summary>
/// Reads a HubSpot webhook body: a JSON array of events, each checked field by field so that the first bad one is
/// reported with its position and the field at fault, and nothing of a bad batch is published.
/// </summary>
/// <remarks>
/// One forward pass with <see cref="Utf8JsonReader"/>, each property name looked up once: this runs for every event
/// HubSpot sends, and a document model with a lookup per field cost several times as much.
/// </remarks>
public static class HubSpotBatchParser
{
    /// <summary>The namespace of the events' name-based message ids.</summary>
    public static readonly Guid MessageIdNamespace = new("5b3f9d0e-6a2c-4c1e-9f47-2d8e1c7b4a10");

    const int MaxDepth = 16;

    enum Field
    {
        EventId, SubscriptionId, PortalId, AppId, OccurredAt, SubscriptionType, EventType, AttemptNumber, ObjectId,
        ChangeSource, PropertyName, PropertyValue, ChangeFlag, SourceId, ObjectTypeId, AssociationType,
        AssociationCategory, AssociationTypeId, FromObjectId, ToObjectId, AssociationRemoved, IsPrimaryAssociation,
        PrimaryObjectId, MergedObjectIds, NewObjectId, NumberOfPropertiesMoved, MessageId, MessageType,
    }

    static readonly FrozenDictionary<string, Field> Fields = Enum.GetValues<Field>()
        .ToFrozenDictionary(f => JsonNamingPolicy.CamelCase.ConvertName(f.ToString()), StringComparer.Ordinal);

    static readonly FrozenDictionary<string, Field>.AlternateLookup<ReadOnlySpan<char>> FieldsBySpan =
        Fields.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Parses <paramref name="body"/>; events whose type is not in <paramref name="subscribed"/> are counted, not returned.</summary>
    public static HubSpotBatch Parse(ReadOnlyMemory<byte> body, DateTimeOffset receivedAt, int maxEvents, IReadOnlySet<string> subscribed)
    {
        var reader = new Utf8JsonReader(body.Span, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartArray)
                return HubSpotBatch.Failed(BatchError.Invalid($"The body must be a JSON array of HubSpot events; it is {Describe(reader.TokenType)}."));

            var accepted = new List<ParsedEvent>();
            var ignored = 0;
            var index = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (index == maxEvents)
                    return HubSpotBatch.Failed(TooMany(CountEvents(ref reader, index), maxEvents));

                var (parsed, error) = ReadEvent(ref reader, index, receivedAt);
                if (error is not null)
                    return HubSpotBatch.Failed(error);
                if (subscribed.Contains(parsed!.Message.SubscriptionType))
                    accepted.Add(parsed);
                else
                    ignored++;
                index++;
            }

            // Anything after the array (a second value, stray characters) makes the body invalid JSON.
            reader.Read();
            return new HubSpotBatch(accepted, ignored, null);
        }
        catch (JsonException e)
        {
            var reason = e.Message.Split(" LineNumber:", 2)[0].TrimEnd('.');
            return HubSpotBatch.Failed(BatchError.Invalid(
                $"The body is not valid JSON: {reason} (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})."));
        }
    }

    static BatchError TooMany(int count, int maxEvents) =>
        new(StatusCodes.Status413PayloadTooLarge, ProblemTypes.BodyTooLarge,
            $"The batch holds {count} events; at most {maxEvents} are accepted per request (HubSpot's own limit is 100).", null, null);

    static int CountEvents(ref Utf8JsonReader reader, int counted)
    {
        do
        {
            reader.Skip();
            counted++;
        }
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray);

        return counted;
    }

    static (ParsedEvent? Event, BatchError? Error) ReadEvent(ref Utf8JsonReader reader, int index, DateTimeOffset receivedAt)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            var kind = Describe(reader.TokenType);
            reader.Skip();
            return (null, BatchError.Invalid($"Event {index} is not a JSON object; it is {kind}.", index, $"/{index}"));
        }

        var values = new EventValues(index);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var known = TryGetField(ref reader, out var field);
            reader.Read();
            if (known)
                values.Read(field, ref reader);
            else
                reader.Skip();
        }

        if (values.Error is null && values.ObjectId is null)
            values.Fail(Field.ObjectId, $"Event {index} has no objectId.");
        var type = values.SubscriptionType ?? values.EventType;
        if (values.Error is null && string.IsNullOrWhiteSpace(type))
            values.Fail(Field.SubscriptionType, $"Event {index} has no subscriptionType (or eventType).");
        if (values.Error is not null)
            return (null, values.Error);

        var message = new HubSpotEventReceived
        {
            EventId = values.EventId ?? 0,
            SubscriptionId = values.SubscriptionId ?? 0,
            PortalId = values.PortalId ?? 0,
            AppId = values.AppId ?? 0,
            OccurredAt = values.OccurredAt is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : receivedAt,
            SubscriptionType = type!,
            AttemptNumber = (int)(values.AttemptNumber ?? 0),
            ObjectId = values.ObjectId!.Value,
            ChangeSource = values.ChangeSource,
            PropertyName = values.PropertyName,
            PropertyValue = values.PropertyValue,
            ChangeFlag = values.ChangeFlag,
            SourceId = values.SourceId,
            ObjectTypeId = values.ObjectTypeId,
            AssociationType = values.AssociationType,
            AssociationCategory = values.AssociationCategory,
            AssociationTypeId = values.AssociationTypeId,
            FromObjectId = values.FromObjectId,
            ToObjectId = values.ToObjectId,
            AssociationRemoved = values.AssociationRemoved,
            IsPrimaryAssociation = values.IsPrimaryAssociation,
            PrimaryObjectId = values.PrimaryObjectId,
            MergedObjectIds = values.MergedObjectIds,
            NewObjectId = values.NewObjectId,
            NumberOfPropertiesMoved = (int?)values.NumberOfPropertiesMoved,
            MessageId = values.MessageId,
            MessageType = values.MessageType,
            ReceivedAt = receivedAt,
        };

        // HubSpot's eventId alone repeats across subscriptions and portals; these five identify one event, and a
        // redelivery of it gets the same id.
        var messageId = NameBasedGuid.Create(MessageIdNamespace, string.Create(CultureInfo.InvariantCulture,
            $"{message.PortalId}/{message.EventId}/{type}/{message.ObjectId}/{values.OccurredAt ?? 0}"));
        return (new ParsedEvent(message, messageId), null);
    }

    static bool TryGetField(ref Utf8JsonReader reader, out Field field)
    {
        field = default;
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (reader.ValueIsEscaped || length > 64)
            return Fields.TryGetValue(reader.GetString()!, out field);

        Span<char> name = stackalloc char[64];
        var written = Encoding.UTF8.GetChars(reader.ValueSpan, name);
        return FieldsBySpan.TryGetValue(name[..written], out field);
    }

    static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        _ => "null",
    };

    /// <summary>The fields of one event as they are read, and the first error among them.</summary>
    sealed class EventValues(int index)
    {
        public BatchError? Error { get; private set; }

        public long? EventId, SubscriptionId, PortalId, AppId, OccurredAt, AttemptNumber, ObjectId, AssociationTypeId,
            FromObjectId, ToObjectId, PrimaryObjectId, NewObjectId, NumberOfPropertiesMoved;

        public string? SubscriptionType, EventType, ChangeSource, PropertyName, PropertyValue, ChangeFlag, SourceId,
            ObjectTypeId, AssociationType, AssociationCategory, MessageId, MessageType;

        public bool? AssociationRemoved, IsPrimaryAssociation;

        public long[]? MergedObjectIds;

        public void Fail(Field field, string detail) =>
            Error ??= BatchError.Invalid(detail, index, $"/{index}/{Name(field)}");

        public void Read(Field field, ref Utf8JsonReader reader)
        {
            switch (field)
            {
                case Field.EventId: EventId = Long(field, ref reader); break;
                case Field.SubscriptionId: SubscriptionId = Long(field, ref reader); break;
                case Field.PortalId: PortalId = Long(field, ref reader); break;
                case Field.AppId: AppId = Long(field, ref reader); break;
                case Field.OccurredAt: OccurredAt = Long(field, ref reader); break;
                case Field.AttemptNumber: AttemptNumber = Long(field, ref reader, int.MaxValue); break;
                case Field.ObjectId: ObjectId = Long(field, ref reader); break;
                case Field.AssociationTypeId: AssociationTypeId = Long(field, ref reader); break;
                case Field.FromObjectId: FromObjectId = Long(field, ref reader); break;
                case Field.ToObjectId: ToObjectId = Long(field, ref reader); break;
                case Field.PrimaryObjectId: PrimaryObjectId = Long(field, ref reader); break;
                case Field.NewObjectId: NewObjectId = Long(field, ref reader); break;
                case Field.NumberOfPropertiesMoved: NumberOfPropertiesMoved = Long(field, ref reader, int.MaxValue); break;
                case Field.SubscriptionType: SubscriptionType = String(field, ref reader); break;
                case Field.EventType: EventType = String(field, ref reader); break;
                case Field.ChangeSource: ChangeSource = String(field, ref reader); break;
                case Field.PropertyName: PropertyName = String(field, ref reader); break;
                case Field.PropertyValue: PropertyValue = String(field, ref reader); break;
                case Field.ChangeFlag: ChangeFlag = String(field, ref reader); break;
                case Field.SourceId: SourceId = String(field, ref reader); break;
                case Field.ObjectTypeId: ObjectTypeId = String(field, ref reader); break;
                case Field.AssociationType: AssociationType = String(field, ref reader); break;
                case Field.AssociationCategory: AssociationCategory = String(field, ref reader); break;
                case Field.MessageId: MessageId = String(field, ref reader); break;
                case Field.MessageType: MessageType = String(field, ref reader); break;
                case Field.AssociationRemoved: AssociationRemoved = Bool(field, ref reader); break;
                case Field.IsPrimaryAssociation: IsPrimaryAssociation = Bool(field, ref reader); break;
                case Field.MergedObjectIds: MergedObjectIds = LongArray(field, ref reader); break;
            }
        }

        long? Long(Field field, ref Utf8JsonReader reader, long max = long.MaxValue)
        {
            long number = 0;
            var ok = reader.TokenType switch
            {
                JsonTokenType.Null => true,
                JsonTokenType.Number => reader.TryGetInt64(out number),
                JsonTokenType.String => long.TryParse(reader.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number),
                _ => false,
            };
            if (reader.TokenType == JsonTokenType.Null && ok)
                return null;
            reader.Skip();
            if (ok && number >= 0 && number <= max)
                return number;
            Fail(field, max == long.MaxValue
                ? $"Event {index}: {Name(field)} must be a whole number, 0 or more."
                : $"Event {index}: {Name(field)} must be a whole number from 0 to {max}.");
            return null;
        }

        string? String(Field field, ref Utf8JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Null:
                    return null;
                case JsonTokenType.String:
                    return reader.GetString();
                case JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False:
                    return Encoding.UTF8.GetString(reader.ValueSpan);
                default:
                    reader.Skip();
                    Fail(field, $"Event {index}: {Name(field)} must be a string.");
                    return null;
            }
        }

        bool? Bool(Field field, ref Utf8JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Null:
                    return null;
                case JsonTokenType.True:
                    return true;
                case JsonTokenType.False:
                    return false;
                case JsonTokenType.String when bool.TryParse(reader.GetString(), out var parsed):
                    return parsed;
                default:
                    reader.Skip();
                    Fail(field, $"Event {index}: {Name(field)} must be true or false.");
                    return null;
            }
        }

        long[]? LongArray(Field field, ref Utf8JsonReader reader)
        {
            if (reader.TokenType == JsonTokenType.Null)
                return null;
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                var numbers = new List<long>();
                var ok = true;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var number))
                        numbers.Add(number);
                    else
                    {
                        ok = false;
                        reader.Skip();
                    }
                }

                if (ok)
                    return [.. numbers];
            }
            else
            {
                reader.Skip();
            }

            Fail(field, $"Event {index}: {Name(field)} must be an array of whole numbers.");
            return null;
        }

        static string Name(Field field) => JsonNamingPolicy.CamelCase.ConvertName(field.ToString());
    }
}

/// <summary>A parsed batch: the events to publish, how many were ignored, or why the batch is refused.</summary>
public sealed record HubSpotBatch(IReadOnlyList<ParsedEvent> Accepted, int Ignored, BatchError? Error)
{
    internal static HubSpotBatch Failed(BatchError error) => new([], 0, error);
}

/// <summary>An event to publish, with its name-based message id.</summary>
public sealed record ParsedEvent(HubSpotEventReceived Message, Guid MessageId);

/// <summary>Why a batch is refused: status, problem type, detail, and where (event index, JSON pointer).</summary>
public sealed record BatchError(int Status, string Type, string Detail, int? EventIndex, string? JsonPointer)
{
    internal static BatchError Invalid(string detail, int? index = null, string? pointer = null) =>
        new(StatusCodes.Status400BadRequest, ProblemTypes.InvalidBody, detail, index, pointer);
}
