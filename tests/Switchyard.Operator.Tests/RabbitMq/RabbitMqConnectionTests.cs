using Switchyard.Hosting.ErrorQueues;
using Switchyard.Operator.Brokers.RabbitMq;
using Switchyard.Testing;

namespace Switchyard.Operator.Tests.RabbitMq;

/// <summary>Connections that fail, and connections that die while messages are held.</summary>
public class RabbitMqConnectionTests
{
    static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_refused_password_is_one_line_naming_the_broker_and_never_the_password()
    {
        await using var bed = await ErrorQueueTestBed.StartAsync("connect-password");
        var options = bed.BusOptions;
        options.Password = "not-the-password-s3cr3t";

        var thrown = await Should.ThrowAsync<BrokerUnavailableException>(() => bed.ConnectAsync(options));

        thrown.Message.ShouldContain($"{bed.Broker.Host}:{bed.Broker.Port}");
        thrown.Message.ShouldContain(bed.VirtualHost.Name);
        thrown.Message.ShouldNotContain(options.Password);
        thrown.Message.ShouldNotContain("\n");
    }

    [Fact]
    public async Task A_broker_that_does_not_answer_is_one_line_naming_it()
    {
        await using var bed = await ErrorQueueTestBed.StartAsync("connect-port");
        var options = bed.BusOptions;
        options.Port = FreePort.Next();

        var thrown = await Should.ThrowAsync<BrokerUnavailableException>(() => bed.ConnectAsync(options));

        thrown.Message.ShouldContain($"{bed.Broker.Host}:{options.Port}");
        thrown.Message.ShouldNotContain("\n");
    }

    [Fact]
    public async Task A_virtual_host_that_does_not_exist_is_one_line_naming_it()
    {
        await using var bed = await ErrorQueueTestBed.StartAsync("connect-vhost");
        var options = bed.BusOptions;
        options.VirtualHost = bed.VirtualHost.Name + "-missing";

        var thrown = await Should.ThrowAsync<BrokerUnavailableException>(() => bed.ConnectAsync(options));

        thrown.Message.ShouldContain(options.VirtualHost);
        thrown.Message.ShouldNotContain(options.Password);
    }

    [Fact]
    public async Task A_management_api_that_refuses_the_password_is_one_line_naming_its_address_and_never_the_password()
    {
        await using var bed = await ErrorQueueTestBed.StartAsync("management-password");
        // The broker asks the management API with the bus credentials, which AMQP has just accepted; so refuse them here.
        const string password = "not-the-password-s3cr3t";
        using var management = new RabbitMqManagementApi(bed.Broker.ManagementApi, bed.VirtualHost.Name, bed.Broker.Username, password);

        var thrown = await Should.ThrowAsync<BrokerUnavailableException>(() => management.GetQueuesAsync(Cancellation));

        thrown.Message.ShouldContain(bed.Broker.ManagementApi.ToString());
        thrown.Message.ShouldContain("401");
        thrown.Message.ShouldNotContain(password);
        thrown.Message.ShouldNotContain("\n");
    }

    [Fact]
    public async Task Credentials_in_the_management_address_are_neither_used_nor_shown()
    {
        await using var bed = await ErrorQueueTestBed.StartAsync("management-address");
        await bed.DeclareAsync("orders");
        var withCredentials = new UriBuilder(bed.Broker.ManagementApi) { UserName = "someone", Password = "url-s3cr3t" }.Uri;
        await using (var broker = await RabbitMqErrorQueueBroker.ConnectAsync(bed.BusOptions, withCredentials, Cancellation))
        {
            // The bus credentials are the ones sent.
            (await broker.GetQueuesAsync(Cancellation)).ShouldHaveSingleItem().Name.ShouldBe("orders");
        }

        var nowhere = new UriBuilder(withCredentials) { Port = FreePort.Next() }.Uri;
        await using var unreachable = await RabbitMqErrorQueueBroker.ConnectAsync(bed.BusOptions, nowhere, Cancellation);
        var thrown = await Should.ThrowAsync<BrokerUnavailableException>(() => unreachable.GetQueuesAsync(Cancellation));

        thrown.Message.ShouldContain($"http://{bed.Broker.Host}:{nowhere.Port}/");
        thrown.Message.ShouldNotContain("s3cr3t");
        thrown.Message.ShouldNotContain("\n");
    }

    [Fact]
    public async Task A_reader_whose_connection_drops_leaves_every_message_in_the_queue_in_order()
    {
        await using var bed = await ErrorQueueTestBed.StartAsync("read-drop");
        await bed.DeclareAsync("orders_error");
        for (var i = 1; i <= 4; i++)
            await bed.PublishFaultedAsync("orders_error", $"message-{i}", DateTimeOffset.UnixEpoch);
        await using var proxy = TcpProxy.Start(bed.Broker.Host, bed.Broker.Port);
        var options = bed.BusOptions;
        options.Port = proxy.Port;
        await using var broker = await bed.ConnectAsync(options);

        var read = new List<ErrorQueueEntry>();
        var thrown = await Should.ThrowAsync<BrokerUnavailableException>(async () =>
        {
            await foreach (var entry in broker.ReadAsync("orders_error", Cancellation))
            {
                read.Add(entry);
                if (read.Count == 3)
                {
                    (await bed.VirtualHost.CountMessagesAsync("orders_error")).ShouldBe(1u);
                    // The network goes; the process gets no chance to give anything back.
                    proxy.Cut();
                }
            }
        });

        thrown.Message.ShouldContain("Lost the connection");
        read.Count.ShouldBe(3);
        await bed.WaitForCountAsync("orders_error", 4);
        (await bed.MessageIdsAsync("orders_error")).ShouldBe(["message-1", "message-2", "message-3", "message-4"]);
    }

    [Fact]
    public async Task Closing_the_broker_during_a_read_gives_every_held_message_back()
    {
        await using var bed = await ErrorQueueTestBed.StartAsync("read-close");
        await bed.DeclareAsync("orders_error");
        for (var i = 1; i <= 3; i++)
            await bed.PublishFaultedAsync("orders_error", $"message-{i}", DateTimeOffset.UnixEpoch);
        var broker = await bed.ConnectAsync();

        var reader = broker.ReadAsync("orders_error", Cancellation).GetAsyncEnumerator(Cancellation);
        (await reader.MoveNextAsync()).ShouldBeTrue();
        (await reader.MoveNextAsync()).ShouldBeTrue();
        (await bed.VirtualHost.CountMessagesAsync("orders_error")).ShouldBe(1u);
        await broker.DisposeAsync();

        await bed.WaitForCountAsync("orders_error", 3);
        (await bed.MessageIdsAsync("orders_error")).ShouldBe(["message-1", "message-2", "message-3"]);
        // Ending the read afterwards finds nothing left to do.
        await reader.DisposeAsync();
        (await bed.VirtualHost.CountMessagesAsync("orders_error")).ShouldBe(3u);
    }
}
