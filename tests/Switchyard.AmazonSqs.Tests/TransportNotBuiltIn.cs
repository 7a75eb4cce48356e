namespace Switchyard.AmazonSqs.Tests;

/// <summary>Stands for the transport's tests (Transport/) in builds without the transport, so the report says why they did not run.</summary>
public class TransportNotBuiltIn
{
    [Fact]
    public void The_transport_tests_need_the_transport_built_in() =>
        Assert.Skip("The Amazon SQS transport is not built in (SwitchyardAmazonSqs=false, as where the package source lacks " +
                    "MassTransit.AmazonSQS). Its tests (FIFO order and deduplication, scoped names, a failed event's full fault) " +
                    "are compiled with -p:SwitchyardAmazonSqs=true and run when SWITCHYARD_SQS_SERVICE_URL names an SQS endpoint.");
}
