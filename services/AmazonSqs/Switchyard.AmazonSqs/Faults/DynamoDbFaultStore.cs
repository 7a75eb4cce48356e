using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Switchyard.AmazonSqs.Faults;

/// <summary>
/// Fault records in a DynamoDB table keyed by message id (partition) and error queue (sort), expiring through the
/// table's time to live: the table build/aws/switchyard.yaml creates, or one created here for local runs.
/// </summary>
/// <param name="client">The DynamoDB client; disposed with the store.</param>
/// <param name="table">The table's name.</param>
/// <param name="retention">How long a record is kept.</param>
/// <param name="createTable">Whether a missing table is created (local runs); otherwise a missing table is an error.</param>
/// <param name="clock">The time source.</param>
public sealed class DynamoDbFaultStore(IAmazonDynamoDB client, string table, TimeSpan retention, bool createTable, TimeProvider clock)
    : IFaultStore, IDisposable
{
    /// <summary>The partition key: the message's MassTransit id.</summary>
    public const string MessageIdAttribute = "MessageId";

    /// <summary>The sort key: the error queue as the services name it.</summary>
    public const string ErrorQueueAttribute = "ErrorQueue";

    /// <summary>The recorded headers, a map of strings.</summary>
    public const string HeadersAttribute = "Headers";

    /// <summary>When the record was made, ISO 8601.</summary>
    public const string RecordedAtAttribute = "RecordedAt";

    /// <summary>The time-to-live attribute: Unix seconds after which DynamoDB deletes the record.</summary>
    public const string ExpiresAtAttribute = "ExpiresAt";

    readonly SemaphoreSlim _creating = new(1, 1);
    bool _tableKnown;

    /// <inheritdoc />
    public async Task RecordAsync(FaultRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var request = new PutItemRequest { TableName = table, Item = ToItem(record, record.RecordedAt + retention) };
        try
        {
            await client.PutItemAsync(request, cancellationToken);
        }
        catch (ResourceNotFoundException) when (createTable && !_tableKnown)
        {
            await EnsureTableAsync(cancellationToken);
            await client.PutItemAsync(request, cancellationToken);
        }
    }

    /// <inheritdoc />
    public async Task<FaultRecord?> FindAsync(string messageId, string errorQueue, CancellationToken cancellationToken)
    {
        try
        {
            var response = await client.GetItemAsync(new GetItemRequest
            {
                TableName = table,
                Key = Key(messageId, errorQueue),
                ConsistentRead = true,
            }, cancellationToken);
            return response.Item is { Count: > 0 } item ? FromItem(item) : null;
        }
        catch (ResourceNotFoundException) when (createTable)
        {
            // Nothing has faulted yet in a local run whose table is created on the first fault.
            return null;
        }
    }

    /// <summary>The item a record is stored as.</summary>
    public static Dictionary<string, AttributeValue> ToItem(FaultRecord record, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(record);
        var item = Key(record.MessageId, record.ErrorQueue);
        item[RecordedAtAttribute] = new AttributeValue { S = record.RecordedAt.ToString("O", CultureInfo.InvariantCulture) };
        item[ExpiresAtAttribute] = new AttributeValue { N = expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) };
        // DynamoDB refuses empty strings in a map only for key attributes; empty header values are simply left out.
        var headers = record.Headers.Where(h => !string.IsNullOrEmpty(h.Value))
            .ToDictionary(h => h.Key, h => new AttributeValue { S = h.Value });
        if (headers.Count > 0)
            item[HeadersAttribute] = new AttributeValue { M = headers };
        return item;
    }

    /// <summary>The record an item holds.</summary>
    public static FaultRecord FromItem(Dictionary<string, AttributeValue> item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var headers = item.TryGetValue(HeadersAttribute, out var map) && map.M is { } values
            ? values.Where(v => v.Value.S is not null).ToDictionary(v => v.Key, v => v.Value.S, StringComparer.OrdinalIgnoreCase)
            : new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var recordedAt = item.TryGetValue(RecordedAtAttribute, out var at)
                         && DateTimeOffset.TryParse(at.S, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)
            ? parsed
            : DateTimeOffset.MinValue;
        return new FaultRecord(item[MessageIdAttribute].S, item[ErrorQueueAttribute].S, headers, recordedAt);
    }

    static Dictionary<string, AttributeValue> Key(string messageId, string errorQueue) => new()
    {
        [MessageIdAttribute] = new AttributeValue { S = messageId },
        [ErrorQueueAttribute] = new AttributeValue { S = errorQueue },
    };

    async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        await _creating.WaitAsync(cancellationToken);
        try
        {
            if (_tableKnown)
                return;
            var created = false;
            try
            {
                await client.CreateTableAsync(new CreateTableRequest
                {
                    TableName = table,
                    BillingMode = BillingMode.PAY_PER_REQUEST,
                    AttributeDefinitions =
                    [
                        new AttributeDefinition(MessageIdAttribute, ScalarAttributeType.S),
                        new AttributeDefinition(ErrorQueueAttribute, ScalarAttributeType.S),
                    ],
                    KeySchema =
                    [
                        new KeySchemaElement(MessageIdAttribute, KeyType.HASH),
                        new KeySchemaElement(ErrorQueueAttribute, KeyType.RANGE),
                    ],
                }, cancellationToken);
                created = true;
            }
            catch (ResourceInUseException)
            {
                // Another instance created it first.
            }

            var deadline = clock.GetUtcNow() + TimeSpan.FromMinutes(1);
            while ((await client.DescribeTableAsync(table, cancellationToken)).Table.TableStatus != TableStatus.ACTIVE)
            {
                if (clock.GetUtcNow() > deadline)
                    throw new TimeoutException($"The DynamoDB table '{table}' did not become active within a minute.");
                await Task.Delay(TimeSpan.FromMilliseconds(500), clock, cancellationToken);
            }

            if (created)
            {
                try
                {
                    await client.UpdateTimeToLiveAsync(new UpdateTimeToLiveRequest
                    {
                        TableName = table,
                        TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = ExpiresAtAttribute, Enabled = true },
                    }, cancellationToken);
                }
                catch (AmazonDynamoDBException)
                {
                    // Some emulators lack time to live; a local table then keeps its records, which costs nothing.
                }
            }

            _tableKnown = true;
        }
        finally
        {
            _creating.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        client.Dispose();
        _creating.Dispose();
    }
}
