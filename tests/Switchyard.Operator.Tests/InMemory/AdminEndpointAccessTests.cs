using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchyard.Hosting;
using Switchyard.Hosting.ErrorQueues;
using Switchyard.Hosting.ErrorQueues.InMemory;
using Switchyard.Operator.Brokers.AdminApi;
using Switchyard.Testing;

namespace Switchyard.Operator.Tests.InMemory;

/// <summary>Who may use the operator endpoints, what they refuse, and what the client says when it cannot use them.</summary>
public class AdminEndpointAccessTests
{
    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    static async Task<string> TokenAsync(HttpClient client, string name, string key)
    {
        using var response = await client.PostAsync(new Uri("token", UriKind.Relative),
            new FormUrlEncodedContent([new("username", name), new("password", key)]), Cancel);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("access_token").GetString()!;
    }

    static async Task<(HttpStatusCode Status, JsonElement Problem)> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request, Cancel);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement);
    }

    [Fact]
    public async Task A_request_without_a_token_is_refused_with_401()
    {
        await using var host = await OperatorHost.StartAsync();

        var (status, problem) = await SendAsync(host.Host.Client, new HttpRequestMessage(HttpMethod.Get, new Uri("admin/queues", UriKind.Relative)));

        status.ShouldBe(HttpStatusCode.Unauthorized);
        problem.GetProperty("type").GetString().ShouldBe(ProblemTypes.InvalidToken);
    }

    [Fact]
    public async Task A_client_not_listed_in_Operator_AdminClients_is_refused_with_403_saying_how_to_allow_it()
    {
        await using var host = await OperatorHost.StartAsync();
        var token = await TokenAsync(host.Host.Client, OperatorHost.Viewer, OperatorHost.ViewerKey);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("admin/queues", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var (status, problem) = await SendAsync(host.Host.Client, request);

        status.ShouldBe(HttpStatusCode.Forbidden);
        problem.GetProperty("type").GetString().ShouldBe(ProblemTypes.Forbidden);
        problem.GetProperty("detail").GetString()!.ShouldContain("Operator:AdminClients");
        var refused = await Should.ThrowAsync<AdminApiException>(() => host.Broker(OperatorHost.Viewer, OperatorHost.ViewerKey).GetQueuesAsync(Cancel));
        refused.Failure.ShouldBe(AdminApiFailure.Forbidden);
        refused.Message.ShouldContain($"Client '{OperatorHost.Viewer}'");
        refused.Message.ShouldContain("Operator:AdminClients");
        refused.Message.ShouldNotContain(OperatorHost.ViewerKey);
    }

    [Fact]
    public async Task A_wrong_API_key_is_reported_without_the_key()
    {
        await using var host = await OperatorHost.StartAsync();
        const string wrongKey = "not-the-key-0123456789";

        var refused = await Should.ThrowAsync<AdminApiException>(() => host.Broker(OperatorHost.Admin, wrongKey).GetQueuesAsync(Cancel));

        refused.Failure.ShouldBe(AdminApiFailure.Unauthenticated);
        refused.Message.ShouldContain("Auth:ApiKeys");
        refused.Message.ShouldNotContain(wrongKey);
    }

    [Fact]
    public async Task A_host_that_is_not_running_is_reported_with_how_to_start_it()
    {
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        await using var broker = AdminApiErrorQueueBroker.Create(url, OperatorHost.Admin, OperatorHost.AdminKey);

        var refused = await Should.ThrowAsync<AdminApiException>(() => broker.GetQueuesAsync(Cancel));

        refused.Failure.ShouldBe(AdminApiFailure.Unreachable);
        refused.Message.ShouldBe($"AllInOne is not answering at {url}: start it with 'dotnet run --project services/AllInOne', or set --url to where it listens.");
    }

    [Fact]
    public async Task A_malformed_message_is_refused_with_400_and_nothing_is_sent()
    {
        await using var host = await OperatorHost.StartAsync();
        var token = await TokenAsync(host.Host.Client, OperatorHost.Admin, OperatorHost.AdminKey);
        var path = new Uri($"admin/queues/{JobsModule.Queue}/messages", UriKind.Relative);

        foreach (var body in new[] { "{", "[]", """{"messageId":"x"}""", """{"messageId":"not-a-guid","contentType":"application/json","body":"AQID"}""", """{"messageId":"6f1c0a0e-2b9e-4a53-9d0e-1b1f1f4b6f10","body":"not base64!"}""" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

            var (status, problem) = await SendAsync(host.Host.Client, request);

            status.ShouldBe(HttpStatusCode.BadRequest, body);
            problem.GetProperty("type").GetString().ShouldBe(ProblemTypes.InvalidBody);
            problem.GetProperty("detail").GetString()!.ShouldNotContain("   at ");
        }

        host.Jobs.Attempts.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_full_queue_keeps_what_it_has_and_refuses_an_import()
    {
        await using var host = await OperatorHost.StartAsync([new("Operator:InMemoryQueueCapacity", "1")]);
        await host.SendAsync(new Job(1));
        await host.WaitForAsync(q => q.Errors, 1, "the first job in the error queue");
        var refusedId = await host.SendAsync(new Job(2));
        bool IsRefusal((LogLevel Level, string Message) entry) =>
            entry.Message.Contains("is full", StringComparison.Ordinal) && entry.Message.Contains(refusedId.ToString(), StringComparison.Ordinal);
        await Poll.UntilAsync(() => host.Logs.Entries.Any(IsRefusal), "the refusal of the second job to be logged");

        var logged = host.Logs.Entries.Single(IsRefusal);
        logged.Level.ShouldBe(LogLevel.Error);
        logged.Message.ShouldStartWith($"The in-memory queue {OperatorHost.ErrorQueue} is full (1 messages): message {refusedId} is NOT kept");
        logged.Message.ShouldContain("Job 2 cannot be done.");

        (await host.Operator.GetQueuesAsync(Cancel)).Single(q => q.Name == JobsModule.Queue).Errors.ShouldBe(1);
        var kept = new List<ErrorQueueEntry>();
        await foreach (var entry in host.Operator.ReadAsync(OperatorHost.ErrorQueue, Cancel))
            kept.Add(entry);
        kept.ShouldHaveSingleItem().Fault.Message.ShouldBe("Job 1 cannot be done.");
        var refused = await Should.ThrowAsync<AdminApiException>(() => host.Operator.SendAsync(OperatorHost.ErrorQueue,
            new TransportMessage { MessageId = Guid.NewGuid().ToString(), ContentType = "application/json", Body = [1] }, Cancel));
        refused.Failure.ShouldBe(AdminApiFailure.Failed);
        refused.Message.ShouldContain("is full");
    }

    [Fact]
    public async Task On_RabbitMQ_there_are_no_operator_endpoints()
    {
        await using var app = Build(new Dictionary<string, string?> { ["Bus:Transport"] = "RabbitMq" });

        app.MapSwitchyard();

        app.Services.GetService<InMemoryErrorQueues>().ShouldBeNull();
        ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .ShouldNotContain(e => e.RoutePattern.RawText!.StartsWith("admin", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_admin_client_that_has_no_API_key_is_a_configuration_error()
    {
        await using var app = Build(new Dictionary<string, string?> { ["Operator:AdminClients:1"] = "ghost" });

        var problems = SwitchyardApplicationExtensions.FindConfigurationProblems(app.Services);

        problems.ShouldContain("Operator:AdminClients:1 is 'ghost', which is not the name of any Auth:ApiKeys entry: add an API key with that name, or remove it.");
    }

    static WebApplication Build(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development", ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(SwitchyardTestHost.Defaults);
        builder.Configuration.AddInMemoryCollection(OperatorHost.Settings);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddSwitchyard(new JobsModule());
        return builder.Build();
    }
}
