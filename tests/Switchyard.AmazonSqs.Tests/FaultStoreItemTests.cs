using Switchyard.AmazonSqs.Faults;

namespace Switchyard.AmazonSqs.Tests;

/// <summary>The DynamoDB item a fault record is stored as.</summary>
public class FaultStoreItemTests
{
    [Fact]
    public void A_record_survives_the_round_trip_through_its_item_and_expires_when_its_retention_ends()
    {
        var recordedAt = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
        var record = new FaultRecord("7f9c", "processor_error",
            new Dictionary<string, string> { ["MT-Fault-ExceptionType"] = "System.TimeoutException", ["MT-Host-MachineName"] = "processor-1" }, recordedAt);

        var item = DynamoDbFaultStore.ToItem(record, recordedAt.AddDays(14));
        var back = DynamoDbFaultStore.FromItem(item);

        item[DynamoDbFaultStore.MessageIdAttribute].S.ShouldBe("7f9c");
        item[DynamoDbFaultStore.ErrorQueueAttribute].S.ShouldBe("processor_error");
        item[DynamoDbFaultStore.ExpiresAtAttribute].N.ShouldBe(recordedAt.AddDays(14).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        back.MessageId.ShouldBe(record.MessageId);
        back.ErrorQueue.ShouldBe(record.ErrorQueue);
        back.RecordedAt.ShouldBe(recordedAt);
        back.Headers.ShouldBe(record.Headers, ignoreOrder: true);
    }

    [Fact]
    public void Empty_header_values_are_left_out_and_a_record_without_headers_has_no_map()
    {
        var item = DynamoDbFaultStore.ToItem(new FaultRecord("7f9c", "processor_error",
            new Dictionary<string, string> { ["MT-Fault-StackTrace"] = "" }, DateTimeOffset.UtcNow), DateTimeOffset.UtcNow.AddDays(1));

        item.ContainsKey(DynamoDbFaultStore.HeadersAttribute).ShouldBeFalse();
        DynamoDbFaultStore.FromItem(item).Headers.ShouldBeEmpty();
    }
}
