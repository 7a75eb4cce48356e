using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Switchyard.Bench;

/// <summary>
/// The event both sides of the dispatcher benchmark carry: an invoice-like JSON object of about 330 bytes, numbered
/// by round (<c>benchRun</c>) and by event (<c>benchSeq</c>) so that arrivals can be matched to their sends.
/// </summary>
public static class BenchPayload
{
    public const string RunProperty = "benchRun";
    public const string SequenceProperty = "benchSeq";
    public const string EventType = "bench.invoice.paid";
    public const string Source = "bench";

    /// <summary>The payload object.</summary>
    public static string Json(int run, int sequence) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"{{RunProperty}}":{{run}},"{{SequenceProperty}}":{{sequence}},"invoiceId":"inv_{{sequence:D8}}","customer":{"id":"cus_4711","name":"Example Trading GmbH","country":"DE"},"amount":{"value":"1234.50","currency":"EUR"},"lines":[{"sku":"SW-PRO","quantity":3,"unitPrice":"300.00"},{"sku":"SW-SUPPORT","quantity":1,"unitPrice":"334.50"}],"paidAt":"2026-11-22T10:00:00Z"}""");

    /// <summary>The body of <c>POST /events</c> carrying the payload.</summary>
    public static byte[] EventBody(int run, int sequence) =>
        Encoding.UTF8.GetBytes($$"""{"type":"{{EventType}}","source":"{{Source}}","payload":{{Json(run, sequence)}}}""");

    /// <summary>The payload's size in bytes.</summary>
    public static int Size => Encoding.UTF8.GetByteCount(Json(1, 1));

    /// <summary>
    /// The round and event numbers in a delivered body, wherever the envelope puts the payload; (-1, -1) when absent.
    /// </summary>
    public static (int Run, int Sequence) Find(ReadOnlySequence<byte> body)
    {
        int run = -1, sequence = -1;
        var reader = new Utf8JsonReader(body);
        try
        {
            while ((run < 0 || sequence < 0) && reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName)
                    continue;
                if (reader.ValueTextEquals(RunProperty) && reader.Read() && reader.TryGetInt32(out var r))
                    run = r;
                else if (reader.ValueTextEquals(SequenceProperty) && reader.Read() && reader.TryGetInt32(out var s))
                    sequence = s;
            }
        }
        catch (JsonException)
        {
        }

        return (run, sequence);
    }
}
