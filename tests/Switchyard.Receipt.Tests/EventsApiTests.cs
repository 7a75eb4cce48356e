using System.Net;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Switchyard.Contracts.Triggers;
using Switchyard.Hosting;
using Switchyard.Hosting.Messaging;
using Switchyard.Testing;
using MassTransit;

namespace Switchyard.Receipt.Tests;

public class EventsApiTests
{
    const string Invoice = """{"type":"invoice.paid","source":"billing","payload":{"invoice":"INV-7","amount":1200,"lines":[{"sku":"A"}]}}""";

    [Fact]
    public async Task An_API_key_buys_a_bearer_token_that_expires_when_configured()
    {
        await using var receipt = await ReceiptUnderTest.StartAsync(new Dictionary<string, string?> { ["Auth:TokenLifetime"] = "00:20:00" });

        using var response = await receipt.Client.PostAsync(new Uri("token", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = ReceiptUnderTest.ApiKeyName,
            ["password"] = ReceiptUnderTest.ApiKey,
        }), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.CacheControl?.NoStore.ShouldBeTrue();
        var body = await ReceiptUnderTest.JsonAsync(response);
        body.GetProperty("token_type").GetString().ShouldBe("bearer");
        body.GetProperty("expires_in").GetInt32().ShouldBe(1200);
        var token = new JsonWebToken(body.GetProperty("access_token").GetString());
        token.Alg.ShouldBe("HS256");
        token.Subject.ShouldBe(ReceiptUnderTest.ApiKeyName);
        (token.ValidTo - token.ValidFrom).ShouldBe(TimeSpan.FromMinutes(20));
    }

    [Fact]
    public async Task Several_API_keys_can_be_configured()
    {
        await using var receipt = await ReceiptUnderTest.StartAsync(new Dictionary<string, string?>
        {
            ["Auth:ApiKeys:1:Name"] = "crm",
            ["Auth:ApiKeys:1:Key"] = "crm-api-key-9876543210",
        });

        using var response = await receipt.Client.PostAsync(new Uri("token", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "crm", ["password"] = "crm-api-key-9876543210" }),
            TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        new JsonWebToken((await ReceiptUnderTest.JsonAsync(response)).GetProperty("access_token").GetString()).Subject.ShouldBe("crm");
    }

    [Fact]
    public async Task An_event_is_answered_202_with_its_id_once_published()
    {
        await using var receipt = await ReceiptUnderTest.StartAsync();
        var token = await receipt.TokenAsync();

        using var response = await receipt.PostEventAsync(Invoice, token);

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var body = await ReceiptUnderTest.JsonAsync(response);
        body.GetProperty("status").GetString().ShouldBe("accepted");
        var id = body.GetProperty("id").GetGuid();
        var timestamp = body.GetProperty("timestamp").GetDateTimeOffset();

        var (messageId, message) = receipt.Published.Of<TriggerEventReceived>().ShouldHaveSingleItem();
        messageId.ShouldBe(id);
        message.EventId.ShouldBe(id);
        message.Type.ShouldBe("invoice.paid");
        message.Source.ShouldBe("billing");
        message.ReceivedAt.ShouldBe(timestamp);
        message.Payload.GetProperty("invoice").GetString().ShouldBe("INV-7");
        message.Payload.GetProperty("lines")[0].GetProperty("sku").GetString().ShouldBe("A");
        receipt.Harness.PublishedSoFar<TriggerEventReceived>().ShouldHaveSingleItem()
            .Context.Headers.Get<string>(OrderingKey.Header, null).ShouldBe("billing");
    }

    [Fact]
    public async Task The_same_Idempotency_Key_and_request_get_the_same_answer_and_are_published_once()
    {
        await using var receipt = await ReceiptUnderTest.StartAsync();
        var token = await receipt.TokenAsync();

        using var first = await receipt.PostEventAsync(Invoice, token, "invoice-7-paid");
        using var second = await receipt.PostEventAsync(Invoice, token, "invoice-7-paid");

        first.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        second.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        second.Headers.GetValues("Idempotent-Replayed").ShouldHaveSingleItem().ShouldBe("true");
        var firstBody = await ReceiptUnderTest.JsonAsync(first);
        var secondBody = await ReceiptUnderTest.JsonAsync(second);
        secondBody.GetProperty("id").GetGuid().ShouldBe(firstBody.GetProperty("id").GetGuid());
        secondBody.GetProperty("timestamp").GetDateTimeOffset().ShouldBe(firstBody.GetProperty("timestamp").GetDateTimeOffset());
        receipt.Published.Of<TriggerEventReceived>().ShouldHaveSingleItem();
    }

    [Fact]
    public async Task An_Idempotency_Key_reused_for_a_different_request_is_refused()
    {
        await using var receipt = await ReceiptUnderTest.StartAsync();
        var token = await receipt.TokenAsync();

        using var first = await receipt.PostEventAsync(Invoice, token, "key-1");
        using var second = await receipt.PostEventAsync(Invoice.Replace("INV-7", "INV-8", StringComparison.Ordinal), token, "key-1");

        second.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await ReceiptUnderTest.JsonAsync(second)).GetProperty("type").GetString().ShouldBe(ProblemTypes.IdempotencyKeyReused);
        receipt.Published.Of<TriggerEventReceived>().ShouldHaveSingleItem();
    }

    [Fact]
    public async Task The_id_an_Idempotency_Key_gives_is_stable_across_receipts_and_separate_per_client()
    {
        await using var one = await ReceiptUnderTest.StartAsync();
        await using var another = await ReceiptUnderTest.StartAsync(new Dictionary<string, string?>
        {
            ["Auth:ApiKeys:1:Name"] = "crm",
            ["Auth:ApiKeys:1:Key"] = "crm-api-key-9876543210",
        });

        using var fromOne = await one.PostEventAsync(Invoice, await one.TokenAsync(), "shared-key");
        using var fromAnother = await another.PostEventAsync(Invoice, await another.TokenAsync(), "shared-key");
        using var otherClient = await another.PostEventAsync(Invoice, Tokens.Create(subject: "crm"), "shared-key");
        using var withoutKey = await one.PostEventAsync(Invoice, await one.TokenAsync());

        var id = (await ReceiptUnderTest.JsonAsync(fromOne)).GetProperty("id").GetGuid();
        (await ReceiptUnderTest.JsonAsync(fromAnother)).GetProperty("id").GetGuid().ShouldBe(id);
        (await ReceiptUnderTest.JsonAsync(otherClient)).GetProperty("id").GetGuid().ShouldNotBe(id);
        (await ReceiptUnderTest.JsonAsync(withoutKey)).GetProperty("id").GetGuid().ShouldNotBe(id);
    }

    [Fact]
    public async Task Guessing_API_keys_is_slowed_down_per_address()
    {
        await using var receipt = await ReceiptUnderTest.StartAsync(new Dictionary<string, string?> { ["Receipt:TokenRequestsPerMinute"] = "3" });

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var attempt = 0; attempt < 4; attempt++)
        {
            last?.Dispose();
            last = await receipt.Client.PostAsync(new Uri("token", UriKind.Relative),
                new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "billing", ["password"] = $"guess-{attempt}-0000000000" }),
                TestContext.Current.CancellationToken);
            statuses.Add(last.StatusCode);
        }

        statuses.ShouldBe([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests]);
        last!.Headers.RetryAfter.ShouldNotBeNull();
        (await ReceiptUnderTest.JsonAsync(last)).GetProperty("type").GetString().ShouldBe(ProblemTypes.TooManyRequests);
        last.Dispose();
    }

    [Fact]
    public async Task A_refused_token_says_why_in_the_WWW_Authenticate_header_and_the_problem()
    {
        await using var receipt = await ReceiptUnderTest.StartAsync();

        using var response = await receipt.PostEventAsync(Invoice, Tokens.Create(expires: DateTimeOffset.UtcNow.AddMinutes(-5)));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldStartWith("Bearer error=\"invalid_token\"");
        (await ReceiptUnderTest.JsonAsync(response)).GetProperty("detail").GetString()!.ShouldContain("expired");
    }

    [Fact]
    public void Outside_Development_API_keys_need_a_signing_key()
    {
        var problems = new Switchyard.Hosting.Auth.AuthOptionsValidator(new ProductionEnvironment())
            .Validate(null, new Switchyard.Hosting.Auth.AuthOptions { ApiKeys = [new() { Name = "billing", Key = "billing-api-key-0123456789" }] })
            .Failures!.ToList();

        problems.ShouldHaveSingleItem().ShouldStartWith("Auth:SigningKey is required when Auth:ApiKeys are configured");
        Encoding.UTF8.GetByteCount(ReceiptUnderTest.SigningKey).ShouldBeGreaterThanOrEqualTo(32);
    }

    sealed class ProductionEnvironment : Microsoft.Extensions.Hosting.IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Production";
        public string ApplicationName { get; set; } = "tests";
        public string ContentRootPath { get; set; } = "/";
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}
