using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Switchyard.Contracts.HubSpot;
using Switchyard.Contracts.Triggers;
using Switchyard.Hosting;

namespace Switchyard.Receipt.Tests;

/// <summary>One receipt shared by the hostile-input cases, with small limits so that "too large" is cheap to reach.</summary>
public sealed class BadInputReceipt : IAsyncLifetime
{
    internal ReceiptUnderTest Receipt { get; private set; } = null!;

    internal string Token { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        Receipt = await ReceiptUnderTest.StartAsync(new Dictionary<string, string?>
        {
            ["Receipt:MaxBodyBytes"] = "65536",
            ["Receipt:Events:MaxPayloadBytes"] = "1024",
            ["Receipt:TokenRequestsPerMinute"] = "1000",
        });
        Token = await Receipt.TokenAsync();
    }

    public ValueTask DisposeAsync() => Receipt.DisposeAsync();
}

/// <summary>
/// Hostile and malformed requests to every endpoint of the receipt. Each must get its specific status and problem
/// type, and must publish nothing.
/// </summary>
public class BadInputTests(BadInputReceipt fixture) : IClassFixture<BadInputReceipt>
{
    sealed record Case(int Status, string Type, Func<BadInputReceipt, Task<HttpResponseMessage>> Send);

    static string Event(string fields) => "[" + fields + "]";

    const string Good = """{"eventId":1,"portalId":2,"occurredAt":1763800000000,"subscriptionType":"deal.creation","objectId":3}""";

    static Case HubSpot(int status, string type, string body) =>
        new(status, type, f => f.Receipt.PostHubSpotAsync(body));

    static Case HubSpotRaw(int status, string type, Func<HttpContent> content, Signing signing = Signing.None) =>
        new(status, type, f => f.Receipt.PostHubSpotAsync("[]", signing, adjust: request => request.Content = content()));

    static Case HubSpotSigned(int status, string type, string body, Action<HttpRequestMessage> adjust) =>
        new(status, type, f => f.Receipt.PostHubSpotAsync(body, adjust: adjust));

    static Case Events(int status, string type, string body, string contentType = "application/json") =>
        new(status, type, f => f.Receipt.PostEventAsync(body, f.Token, contentType: contentType));

    static Case EventsWithToken(string? token) =>
        new(401, ProblemTypes.InvalidToken, f => f.Receipt.PostEventAsync(ValidEvent, token));

    static Case EventsWithKey(string key) =>
        new(400, ProblemTypes.InvalidBody, f => f.Receipt.PostEventAsync(ValidEvent, f.Token, key));

    static Case Token(int status, string type, HttpContent content) =>
        new(status, type, f => f.Receipt.Client.PostAsync(new Uri("token", UriKind.Relative), content, TestContext.Current.CancellationToken));

    const string ValidEvent = """{"type":"invoice.paid","source":"billing","payload":{"invoice":"INV-1"}}""";

    static HttpContent Json(string body, string mediaType = "application/json") => new StringContent(body, Encoding.UTF8, mediaType);

    static HttpContent Form(params (string Key, string Value)[] fields) =>
        new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)));

    static readonly Dictionary<string, Case> Cases = new()
    {
        // HubSpot webhooks: body shape.
        ["hubspot: truncated JSON"] = HubSpot(400, ProblemTypes.InvalidBody, """[{"objectId":1,"""),
        ["hubspot: trailing garbage after the array"] = HubSpot(400, ProblemTypes.InvalidBody, "[] x"),
        ["hubspot: an object instead of an array"] = HubSpot(400, ProblemTypes.InvalidBody, Good),
        ["hubspot: a string instead of an array"] = HubSpot(400, ProblemTypes.InvalidBody, "\"deal\""),
        ["hubspot: a number instead of an array"] = HubSpot(400, ProblemTypes.InvalidBody, "42"),
        ["hubspot: null instead of an array"] = HubSpot(400, ProblemTypes.InvalidBody, "null"),
        ["hubspot: an empty body"] = HubSpot(400, ProblemTypes.InvalidBody, ""),
        ["hubspot: a null event"] = HubSpot(400, ProblemTypes.InvalidBody, "[null]"),
        ["hubspot: a number as event"] = HubSpot(400, ProblemTypes.InvalidBody, "[7]"),
        ["hubspot: an array as event"] = HubSpot(400, ProblemTypes.InvalidBody, "[[1]]"),
        ["hubspot: nesting 100 levels deep"] = HubSpot(400, ProblemTypes.InvalidBody, new string('[', 100) + new string(']', 100)),
        ["hubspot: invalid UTF-8"] = new(400, ProblemTypes.InvalidBody, f => f.Receipt.PostHubSpotAsync("[]", Signing.None, adjust: request =>
        {
            byte[] body = [0x5B, 0xFF, 0xFE, 0x5D];
            request.Content = Bytes(body);
            request.Headers.Add("X-HubSpot-Signature", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData([.. Encoding.UTF8.GetBytes(ReceiptUnderTest.ClientSecret), .. body])));
            request.Headers.Add("X-HubSpot-Signature-Version", "v1");
        })),
        // HubSpot webhooks: fields.
        ["hubspot: no objectId"] = HubSpot(400, ProblemTypes.InvalidBody, Event("""{"eventId":1,"subscriptionType":"deal.creation"}""")),
        ["hubspot: no subscriptionType or eventType"] = HubSpot(400, ProblemTypes.InvalidBody, Event("""{"eventId":1,"objectId":3}""")),
        ["hubspot: objectId is a word"] = HubSpot(400, ProblemTypes.InvalidBody, Event("""{"objectId":"three","subscriptionType":"deal.creation"}""")),
        ["hubspot: objectId is negative"] = HubSpot(400, ProblemTypes.InvalidBody, Event("""{"objectId":-3,"subscriptionType":"deal.creation"}""")),
        ["hubspot: objectId has a fraction"] = HubSpot(400, ProblemTypes.InvalidBody, Event("""{"objectId":3.5,"subscriptionType":"deal.creation"}""")),
        ["hubspot: objectId beyond 64 bits"] = HubSpot(400, ProblemTypes.InvalidBody, Event("""{"objectId":99999999999999999999,"subscriptionType":"deal.creation"}""")),
        ["hubspot: portalId is an object"] = HubSpot(400, ProblemTypes.InvalidBody, Event("""{"objectId":3,"portalId":{},"subscriptionType":"deal.creation"}""")),
        ["hubspot: occurredAt is a word"] = HubSpot(400, ProblemTypes.InvalidBody, Event("""{"objectId":3,"occurredAt":"yesterday","subscriptionType":"deal.creation"}""")),
        ["hubspot: subscriptionType is an object"] = HubSpot(400, ProblemTypes.InvalidBody, Event("""{"objectId":3,"subscriptionType":{"name":"deal.creation"}}""")),
        ["hubspot: mergedObjectIds is a string"] = HubSpot(400, ProblemTypes.InvalidBody, Event("""{"objectId":3,"subscriptionType":"deal.merge","mergedObjectIds":"1,2"}""")),
        ["hubspot: associationRemoved is not a boolean"] = HubSpot(400, ProblemTypes.InvalidBody, Event("""{"objectId":3,"subscriptionType":"deal.associationChange","associationRemoved":"maybe"}""")),
        ["hubspot: the second of two events is bad"] = HubSpot(400, ProblemTypes.InvalidBody, "[" + Good + """,{"subscriptionType":"deal.creation"}]"""),
        // HubSpot webhooks: sizes.
        ["hubspot: 101 events"] = HubSpot(413, ProblemTypes.BodyTooLarge, "[" + string.Join(",", Enumerable.Repeat(Good, 101)) + "]"),
        ["hubspot: a body over the byte limit"] = HubSpot(413, ProblemTypes.BodyTooLarge,
            Event($$"""{"objectId":3,"subscriptionType":"deal.creation","propertyValue":"{{new string('x', 70_000)}}"}""")),
        ["hubspot: a chunked body over the byte limit"] = HubSpotRaw(413, ProblemTypes.BodyTooLarge, () => Chunked(new string(' ', 70_000) + "[]")),
        // HubSpot webhooks: media types.
        ["hubspot: text/plain"] = HubSpotRaw(415, ProblemTypes.UnsupportedMediaType, () => Json("[]", "text/plain")),
        ["hubspot: no Content-Type"] = HubSpotRaw(415, ProblemTypes.UnsupportedMediaType, () => new ByteArrayContent("[]"u8.ToArray())),
        ["hubspot: JSON in Latin-1"] = HubSpotRaw(415, ProblemTypes.UnsupportedMediaType, () => WithCharset("[]", "iso-8859-1")),
        ["hubspot: XML"] = HubSpotRaw(415, ProblemTypes.UnsupportedMediaType, () => Json("<events/>", "application/xml")),
        // HubSpot webhooks: signatures.
        ["hubspot: no signature"] = HubSpotRaw(401, ProblemTypes.InvalidSignature, () => Json("[" + Good + "]")),
        ["hubspot: a v3 signature that is not Base64"] = HubSpotSigned(401, ProblemTypes.InvalidSignature, "[" + Good + "]",
            r => Replace(r, "X-HubSpot-Signature-v3", "not base64 at all!")),
        ["hubspot: a v3 signature without its timestamp"] = HubSpotSigned(401, ProblemTypes.InvalidSignature, "[" + Good + "]",
            r => r.Headers.Remove("X-HubSpot-Request-Timestamp")),
        ["hubspot: a v3 timestamp that is not a number"] = HubSpotSigned(401, ProblemTypes.InvalidSignature, "[" + Good + "]",
            r => Replace(r, "X-HubSpot-Request-Timestamp", "2026-11-22T10:00:00Z")),
        ["hubspot: a v3 signature for another timestamp"] = HubSpotSigned(401, ProblemTypes.InvalidSignature, "[" + Good + "]",
            r => Replace(r, "X-HubSpot-Request-Timestamp", DateTimeOffset.UtcNow.AddSeconds(-10).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture))),
        ["hubspot: a v1 signature of the wrong length"] = new(401, ProblemTypes.InvalidSignature, f => f.Receipt.PostHubSpotAsync("[" + Good + "]", Signing.None,
            adjust: r => { r.Headers.Add("X-HubSpot-Signature", "abc123"); r.Headers.Add("X-HubSpot-Signature-Version", "v1"); })),
        ["hubspot: an unknown signature version"] = new(401, ProblemTypes.InvalidSignature, f => f.Receipt.PostHubSpotAsync("[" + Good + "]", Signing.V1,
            adjust: r => Replace(r, "X-HubSpot-Signature-Version", "v9"))),
        ["hubspot: a v2 signature for another URL"] = new(401, ProblemTypes.InvalidSignature,
            f => f.Receipt.PostHubSpotAsync("[" + Good + "]", Signing.V2, signedUri: "https://attacker.example/webhooks/hubspot")),

        // Events API: tokens.
        ["events: no token"] = EventsWithToken(null),
        ["events: a garbage token"] = EventsWithToken("not.a.token"),
        ["events: an expired token"] = EventsWithToken(Tokens.Create(expires: DateTimeOffset.UtcNow.AddMinutes(-5))),
        ["events: a token signed with another key"] = EventsWithToken(Tokens.Create(signingKey: "another-signing-key-0123456789-0123456789")),
        ["events: a token whose claims were edited"] = EventsWithToken(Tokens.Tampered()),
        ["events: an unsigned token (alg none)"] = EventsWithToken(Tokens.Unsigned()),
        ["events: a token for another audience"] = EventsWithToken(Tokens.Create(audience: "someone-else")),
        ["events: a token from another issuer"] = EventsWithToken(Tokens.Create(issuer: "someone-else")),
        ["events: Basic instead of Bearer"] = new(401, ProblemTypes.InvalidToken, async f =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("events", UriKind.Relative)) { Content = Json(ValidEvent) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", "YmlsbGluZzprZXk=");
            return await f.Receipt.Client.SendAsync(request, TestContext.Current.CancellationToken);
        }),
        // Events API: body.
        ["events: malformed JSON"] = Events(400, ProblemTypes.InvalidBody, """{"type":"invoice.paid","""),
        ["events: an array body"] = Events(400, ProblemTypes.InvalidBody, "[" + ValidEvent + "]"),
        ["events: no type"] = Events(400, ProblemTypes.InvalidBody, """{"source":"billing","payload":{}}"""),
        ["events: an empty source"] = Events(400, ProblemTypes.InvalidBody, """{"type":"invoice.paid","source":"","payload":{}}"""),
        ["events: a type with spaces"] = Events(400, ProblemTypes.InvalidBody, """{"type":"invoice paid","source":"billing","payload":{}}"""),
        ["events: a type with markup"] = Events(400, ProblemTypes.InvalidBody, """{"type":"<script>","source":"billing","payload":{}}"""),
        ["events: a type that is a number"] = Events(400, ProblemTypes.InvalidBody, """{"type":42,"source":"billing","payload":{}}"""),
        ["events: a type of 101 characters"] = Events(400, ProblemTypes.InvalidBody, $$$"""{"type":"{{{new string('a', 101)}}}","source":"billing","payload":{}}"""),
        ["events: a payload that is an array"] = Events(400, ProblemTypes.InvalidBody, """{"type":"invoice.paid","source":"billing","payload":[1]}"""),
        ["events: a payload that is a string"] = Events(400, ProblemTypes.InvalidBody, """{"type":"invoice.paid","source":"billing","payload":"{}"}"""),
        ["events: no payload"] = Events(400, ProblemTypes.InvalidBody, """{"type":"invoice.paid","source":"billing"}"""),
        ["events: a payload over the limit"] = Events(413, ProblemTypes.BodyTooLarge, $$$"""{"type":"invoice.paid","source":"billing","payload":{"x":"{{{new string('x', 2000)}}}"}}"""),
        ["events: a body over the limit"] = Events(413, ProblemTypes.BodyTooLarge, $$$"""{"type":"invoice.paid","source":"billing","payload":{},"pad":"{{{new string('x', 10_000)}}}"}"""),
        ["events: text/plain"] = Events(415, ProblemTypes.UnsupportedMediaType, ValidEvent, "text/plain"),
        ["events: an Idempotency-Key with spaces"] = EventsWithKey("key with spaces"),
        ["events: an Idempotency-Key of 256 characters"] = EventsWithKey(new string('k', 256)),

        // Tokens.
        ["token: a wrong password"] = Token(401, ProblemTypes.InvalidCredentials, Form(("username", ReceiptUnderTest.ApiKeyName), ("password", "wrong-password-0000"))),
        ["token: an unknown user"] = Token(401, ProblemTypes.InvalidCredentials, Form(("username", "mallory"), ("password", ReceiptUnderTest.ApiKey))),
        ["token: no password"] = Token(400, ProblemTypes.InvalidBody, Form(("username", ReceiptUnderTest.ApiKeyName))),
        ["token: JSON instead of a form"] = Token(415, ProblemTypes.UnsupportedMediaType,
            Json($$"""{"username":"{{ReceiptUnderTest.ApiKeyName}}","password":"{{ReceiptUnderTest.ApiKey}}"}""")),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Is_refused_with_its_status_and_problem_type_and_publishes_nothing(string name)
    {
        var @case = Cases[name];
        var hubspotBefore = fixture.Receipt.Published.Of<HubSpotEventReceived>().Count;
        var eventsBefore = fixture.Receipt.Published.Of<TriggerEventReceived>().Count;

        using var response = await @case.Send(fixture);

        ((int)response.StatusCode).ShouldBe(@case.Status, name);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", name);
        var problem = await ReceiptUnderTest.JsonAsync(response);
        problem.GetProperty("type").GetString().ShouldBe(@case.Type, name);
        problem.GetProperty("status").GetInt32().ShouldBe(@case.Status);
        problem.GetProperty("detail").GetString().ShouldNotBeNullOrWhiteSpace();
        problem.TryGetProperty("exception", out _).ShouldBeFalse();
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldNotContain("   at ");
        fixture.Receipt.Published.Of<HubSpotEventReceived>().Count.ShouldBe(hubspotBefore, name);
        fixture.Receipt.Published.Of<TriggerEventReceived>().Count.ShouldBe(eventsBefore, name);
    }

    [Fact]
    public void There_are_at_least_thirty_cases() => Cases.Count.ShouldBeGreaterThanOrEqualTo(30);

    static ByteArrayContent Bytes(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    static StreamContent Chunked(string body)
    {
        // A stream of unknown length makes HttpClient send the body chunked, without Content-Length.
        var content = new StreamContent(new UnseekableStream(Encoding.UTF8.GetBytes(body)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    static StringContent WithCharset(string body, string charset)
    {
        var content = new StringContent(body, Encoding.Latin1);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = charset };
        return content;
    }

    static void Replace(HttpRequestMessage request, string header, string value)
    {
        request.Headers.Remove(header);
        request.Headers.TryAddWithoutValidation(header, value);
    }

    sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
