namespace Switchyard.AmazonSqs.Tests;

/// <summary>Stands for the transport's tests (Transport/) in builds without the transport, so the report says why they did not run.</summary>
public class TransportNotBuiltIn
{
    [Fact]
    public void The_transport_tests_need_the_transport_built_in() =>
        Assert.Skip("The Amazon SQS transport is not built in (SwitchyardAmazonSqs=false): MassTransit.AmazonSQS does not restore " +
                    "from this machine's package source. Its tests (FIFO order, fault recording, the transport against LocalStack) " +
                    "run in builds with -p:SwitchyardAmazonSqs=true and SWITCHYARD_SQS_SERVICE_URL set.");
}
