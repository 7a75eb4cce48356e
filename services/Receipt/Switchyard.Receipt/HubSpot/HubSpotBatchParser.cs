using System.Globalization;
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
public static class HubSpotBatchParser
{
    /// <summary>The namespace of the events' name-based message ids.</summary>
    public static readonly Guid MessageIdNamespace = new("5b3f9d0e-6a2c-4c1e-9f47-2d8e1c7b4a10");

    static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };

    /// <summary>Parses <paramref name="body"/>; events whose type is not in <paramref name="subscribed"/> are counted, not returned.</summary>
    public static HubSpotBatch Parse(ReadOnlyMemory<byte> body, DateTimeOffset receivedAt, int maxEvents, IReadOnlySet<string> subscribed)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException e)
        {
            var reason = e.Message.Split(" LineNumber:", 2)[0].TrimEnd('.');
            return HubSpotBatch.Failed(BatchError.Invalid(
                $"The body is not valid JSON: {reason} (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})."));
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
                return HubSpotBatch.Failed(BatchError.Invalid($"The body must be a JSON array of HubSpot events; it is {Describe(root.ValueKind)}."));

            var count = root.GetArrayLength();
            if (count > maxEvents)
                return HubSpotBatch.Failed(new BatchError(StatusCodes.Status413PayloadTooLarge, ProblemTypes.BodyTooLarge,
                    $"The batch holds {count} events; at most {maxEvents} are accepted per request (HubSpot's own limit is 100).", null, null));

            var accepted = new List<ParsedEvent>(count);
            var ignored = 0;
            var index = 0;
            foreach (var element in root.EnumerateArray())
            {
                var (message, messageId, error) = ReadEvent(element, index, receivedAt);
                if (error is not null)
                    return HubSpotBatch.Failed(error);
                if (subscribed.Contains(message!.SubscriptionType))
                    accepted.Add(new ParsedEvent(message, messageId));
                else
                    ignored++;
                index++;
            }

            return new HubSpotBatch(accepted, ignored, null);
        }
    }

    static (HubSpotEventReceived? Message, Guid MessageId, BatchError? Error) ReadEvent(JsonElement element, int index, DateTimeOffset receivedAt)
    {
        if (element.ValueKind != JsonValueKind.Object)
            return (null, default, BatchError.Invalid($"Event {index} is not a JSON object; it is {Describe(element.ValueKind)}.", index, $"/{index}"));

        var reader = new EventReader(element, index);
        var type = reader.String("subscriptionType") ?? reader.String("eventType");
        var objectId = reader.Long("objectId");
        if (reader.Error is null && objectId is null)
            reader.Fail("objectId", $"Event {index} has no objectId.");
        if (reader.Error is null && string.IsNullOrWhiteSpace(type))
            reader.Fail("subscriptionType", $"Event {index} has no subscriptionType (or eventType).");

        var eventId = reader.Long("eventId");
        var subscriptionId = reader.Long("subscriptionId");
        var portalId = reader.Long("portalId");
        var appId = reader.Long("appId");
        var occurredAt = reader.Long("occurredAt");
        var message = new HubSpotEventReceived
        {
            EventId = eventId ?? 0,
            SubscriptionId = subscriptionId ?? 0,
            PortalId = portalId ?? 0,
            AppId = appId ?? 0,
            OccurredAt = occurredAt is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : receivedAt,
            SubscriptionType = type ?? "",
            AttemptNumber = (int)(reader.Long("attemptNumber", int.MaxValue) ?? 0),
            ObjectId = objectId ?? 0,
            ChangeSource = reader.String("changeSource"),
            PropertyName = reader.String("propertyName"),
            PropertyValue = reader.String("propertyValue"),
            ChangeFlag = reader.String("changeFlag"),
            SourceId = reader.String("sourceId"),
            ObjectTypeId = reader.String("objectTypeId"),
            AssociationType = reader.String("associationType"),
            AssociationCategory = reader.String("associationCategory"),
            AssociationTypeId = reader.Long("associationTypeId"),
            FromObjectId = reader.Long("fromObjectId"),
            ToObjectId = reader.Long("toObjectId"),
            AssociationRemoved = reader.Bool("associationRemoved"),
            IsPrimaryAssociation = reader.Bool("isPrimaryAssociation"),
            PrimaryObjectId = reader.Long("primaryObjectId"),
            MergedObjectIds = reader.LongArray("mergedObjectIds"),
            NewObjectId = reader.Long("newObjectId"),
            NumberOfPropertiesMoved = (int?)reader.Long("numberOfPropertiesMoved", int.MaxValue),
            MessageId = reader.String("messageId"),
            MessageType = reader.String("messageType"),
            ReceivedAt = receivedAt,
        };
        if (reader.Error is not null)
            return (null, default, reader.Error);

        // HubSpot's eventId alone repeats across subscriptions and portals; these five identify one event, and a
        // redelivery of it gets the same id.
        var messageId = NameBasedGuid.Create(MessageIdNamespace, string.Create(CultureInfo.InvariantCulture,
            $"{portalId ?? 0}/{eventId ?? 0}/{type}/{objectId}/{occurredAt ?? 0}"));
        return (message, messageId, null);
    }

    static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    /// <summary>Reads an event's fields, keeping the first error.</summary>
    sealed class EventReader(JsonElement element, int index)
    {
        public BatchError? Error { get; private set; }

        public void Fail(string field, string detail) =>
            Error ??= BatchError.Invalid(detail, index, $"/{index}/{field}");

        public long? Long(string name, long max = long.MaxValue)
        {
            if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
                return null;
            long number;
            var ok = value.ValueKind switch
            {
                JsonValueKind.Number => value.TryGetInt64(out number),
                JsonValueKind.String => long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number),
                _ => (number = 0) != 0,
            };
            if (ok && number >= 0 && number <= max)
                return number;
            Fail(name, max == long.MaxValue
                ? $"Event {index}: {name} must be a whole number, 0 or more."
                : $"Event {index}: {name} must be a whole number from 0 to {max}.");
            return null;
        }

        public string? String(string name)
        {
            if (!element.TryGetProperty(name, out var value))
                return null;
            switch (value.ValueKind)
            {
                case JsonValueKind.Null:
                    return null;
                case JsonValueKind.String:
                    return value.GetString();
                case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                    return value.GetRawText();
                default:
                    Fail(name, $"Event {index}: {name} must be a string.");
                    return null;
            }
        }

        public bool? Bool(string name)
        {
            if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
                return null;
            switch (value.ValueKind)
            {
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                case JsonValueKind.String when bool.TryParse(value.GetString(), out var parsed):
                    return parsed;
                default:
                    Fail(name, $"Event {index}: {name} must be true or false.");
                    return null;
            }
        }

        public long[]? LongArray(string name)
        {
            if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
                return null;
            if (value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out _)))
                return value.EnumerateArray().Select(v => v.GetInt64()).ToArray();
            Fail(name, $"Event {index}: {name} must be an array of whole numbers.");
            return null;
        }
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
