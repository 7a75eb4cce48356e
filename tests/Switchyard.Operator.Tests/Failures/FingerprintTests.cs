using Switchyard.Hosting.ErrorQueues;
using Switchyard.Operator.Failures;

namespace Switchyard.Operator.Tests.Failures;

public class FingerprintTests
{
    static FaultDetails Fault(string type, string message, string? stack = null) => new()
    {
        ExceptionType = type,
        Message = message,
        StackTrace = stack ?? "   at Switchyard.Processor.Sync.OpportunitySyncConsumer.Consume(ConsumeContext`1 context) in /src/a.cs:line 10",
    };

    [Fact]
    public void Messages_that_differ_only_in_ids_numbers_and_times_share_a_fingerprint()
    {
        var one = Fault("System.InvalidOperationException", "Deal 4242 (id 3f2504e0-4f89-11d3-9a0c-0305e82c3301) not found at 2026-11-22T10:00:00Z for 'Acme'");
        var two = Fault("System.InvalidOperationException", "Deal 17 (id 7c9e6679-7425-40de-944b-e07fc1f90ae7) not found at 2026-11-23T11:30:05.123Z for 'Globex'");

        Fingerprint.Of(one).ShouldBe(Fingerprint.Of(two));
        Fingerprint.Of(one).ShouldMatch("^[0-9a-f]{12}$");
    }

    [Fact]
    public void A_different_exception_type_or_message_is_a_different_group()
    {
        var baseline = Fingerprint.Of(Fault("System.TimeoutException", "The operation timed out"));

        Fingerprint.Of(Fault("System.Net.Http.HttpRequestException", "The operation timed out")).ShouldNotBe(baseline);
        Fingerprint.Of(Fault("System.TimeoutException", "Connection refused")).ShouldNotBe(baseline);
    }

    [Fact]
    public void The_first_application_frame_counts_and_its_line_number_does_not()
    {
        const string inSync = "   at System.Net.Http.HttpClient.SendAsync()\n   at Switchyard.Processor.Sync.OpportunitySyncConsumer.Consume(ConsumeContext`1 context) in /src/a.cs:line 10";
        const string movedLine = "   at System.Net.Http.HttpClient.SendAsync()\n   at Switchyard.Processor.Sync.OpportunitySyncConsumer.Consume(ConsumeContext`1 context) in /src/a.cs:line 99";
        const string inNotes = "   at System.Net.Http.HttpClient.SendAsync()\n   at Switchyard.Processor.Notes.NoteWriter.Write() in /src/b.cs:line 10";

        Fingerprint.FirstApplicationFrame(inSync).ShouldBe("Switchyard.Processor.Sync.OpportunitySyncConsumer.Consume(ConsumeContext`1 context)");
        Fingerprint.Of(Fault("E", "m", inSync)).ShouldBe(Fingerprint.Of(Fault("E", "m", movedLine)));
        Fingerprint.Of(Fault("E", "m", inSync)).ShouldNotBe(Fingerprint.Of(Fault("E", "m", inNotes)));
    }

    [Fact]
    public void Without_application_frames_the_first_non_framework_frame_is_used()
    {
        const string stack = "   at System.Threading.Tasks.Task.Wait()\n   at MassTransit.Middleware.RetryFilter`1.Send()\n   at Acme.Plugin.Handler.Run() in /x.cs:line 3";

        Fingerprint.FirstApplicationFrame(stack).ShouldBe("Acme.Plugin.Handler.Run()");
    }

    [Theory]
    [InlineData("Response status code does not indicate success: 503 (Service Unavailable).", "Response status code does not indicate success: <n> (Service Unavailable).")]
    [InlineData("POST https://partnercentral.example.com/v1/opportunities failed", "POST <url> failed")]
    [InlineData("Token deadbeef0123 expired for ops@example.com", "Token <hex> expired for <email>")]
    [InlineData("HTTP2 stream   reset", "HTTP2 stream reset")]
    [InlineData("Delivery to subscription hook_8b70aa49e0cb90286a69d850 failed", "Delivery to subscription <id> failed")]
    [InlineData("Invoice INV-000123 was paid twice", "Invoice <id> was paid twice")]
    public void Normalising_keeps_the_words_and_drops_the_values(string message, string expected) =>
        Fingerprint.NormaliseMessage(message).ShouldBe(expected);
}
