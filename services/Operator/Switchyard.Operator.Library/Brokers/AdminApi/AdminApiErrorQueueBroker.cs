using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Switchyard.Hosting.ErrorQueues;
using Switchyard.Hosting.ErrorQueues.Admin;

namespace Switchyard.Operator.Brokers.AdminApi;

/// <summary>
/// The error queues of a host on the in-memory transport (AllInOne), through its operator endpoints (<c>/admin</c>):
/// only that process can reach them. Authenticates with an API key exchanged for a bearer token at <c>POST /token</c>.
/// </summary>
/// <remarks>
/// The host keeps no reader's claim on a message: an entry stays visible to other readers while it is read, and
/// reading pages through the queue by entry id, so each message is read once even while others are removed.
/// </remarks>
internal sealed class AdminApiErrorQueueBroker : IErrorQueueBroker
{
    /// <summary>How long one request may take.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    // A token this close to its expiry is renewed before use, so that it cannot expire on the way.
    static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(1);

    readonly HttpClient _http;
    readonly Uri _baseUrl;
    readonly string _clientName;
    readonly string _apiKey;
    readonly SemaphoreSlim _tokenLock = new(1, 1);
    string? _token;
    DateTimeOffset _tokenExpires;

    AdminApiErrorQueueBroker(HttpClient http, Uri baseUrl, string clientName, string apiKey)
    {
        _http = http;
        _baseUrl = baseUrl;
        _clientName = clientName;
        _apiKey = apiKey;
    }

    /// <summary>
    /// A broker for the host at <paramref name="baseUrl"/> (e.g. <c>http://localhost:5080</c>), acting as the client
    /// <paramref name="clientName"/> of its <c>Auth:ApiKeys</c>, which must be listed in its <c>Operator:AdminClients</c>.
    /// Nothing is sent until the first operation.
    /// </summary>
    /// <param name="baseUrl">Where the host listens; any user name or password in it is ignored.</param>
    /// <param name="clientName">The API key's name.</param>
    /// <param name="apiKey">The API key; never shown.</param>
    /// <param name="handler">The HTTP handler to send through (tests); not disposed with the broker.</param>
    public static AdminApiErrorQueueBroker Create(Uri baseUrl, string clientName, string apiKey, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(clientName);
        ArgumentException.ThrowIfNullOrEmpty(apiKey);
        if (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"The URL '{baseUrl}' is not an http or https address.", nameof(baseUrl));

        // Relative paths resolve under the base only when it ends with a slash; credentials in a URL would be shown.
        var root = new UriBuilder(baseUrl) { UserName = "", Password = "", Query = "", Fragment = "" };
        if (!root.Path.EndsWith('/'))
            root.Path += "/";

        var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.BaseAddress = root.Uri;
        http.Timeout = RequestTimeout;
        return new AdminApiErrorQueueBroker(http, root.Uri, clientName, apiKey);
    }

    /// <inheritdoc />
    public string Description => $"the in-memory transport of {_baseUrl} (operator endpoints, as client '{_clientName}')";

    /// <inheritdoc />
    public async Task<IReadOnlyList<QueueStatus>> GetQueuesAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, Relative(ErrorQueueAdminApi.QueuesPath)), cancellationToken);
        await EnsureSuccessAsync(response, queue: null, cancellationToken);
        return await ReadJsonAsync<QueueStatus[]>(response, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="QueueNotFoundException">The host has no such error or skipped queue.</exception>
    public async IAsyncEnumerable<ErrorQueueEntry> ReadAsync(string errorQueue, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(errorQueue);
        long? after = 0;
        while (after is { } cursor)
        {
            var page = await ReadPageAsync(errorQueue, cursor, cancellationToken);
            foreach (var message in page.Items)
                yield return new AdminApiErrorQueueEntry(this, message);
            after = page.Next;
        }
    }

    /// <inheritdoc />
    public async Task SendAsync(string queue, TransportMessage message, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queue);
        ArgumentNullException.ThrowIfNull(message);
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, Relative(ErrorQueueAdminApi.MessagesPath(queue)))
        {
            Content = JsonContent.Create(message, options: ErrorQueueAdminApi.Json),
        }, cancellationToken);
        await EnsureSuccessAsync(response, queue, cancellationToken);
    }

    /// <summary>Removes an entry; one already gone is fine.</summary>
    internal async Task RemoveAsync(string errorQueue, string messageId, long entry, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Delete,
            Relative(ErrorQueueAdminApi.MessagePath(errorQueue, messageId, entry))), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound && (await ReadProblemAsync(response, cancellationToken)).Queue is null)
            return;
        await EnsureSuccessAsync(response, errorQueue, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        _tokenLock.Dispose();
        return ValueTask.CompletedTask;
    }

    async Task<ErrorQueuePage> ReadPageAsync(string errorQueue, long after, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get,
            Relative(ErrorQueueAdminApi.PagePath(errorQueue, after, ErrorQueueAdminApi.DefaultPageSize))), cancellationToken);
        await EnsureSuccessAsync(response, errorQueue, cancellationToken);
        return await ReadJsonAsync<ErrorQueuePage>(response, cancellationToken);
    }

    /// <summary>Sends the request with a bearer token, obtaining one first when there is none or it is about to expire.</summary>
    async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken)
    {
        var token = await GetTokenAsync(cancellationToken);
        using var request = createRequest();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await CallAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            var problem = await ReadProblemAsync(response, cancellationToken);
            response.Dispose();
            throw new AdminApiException(AdminApiFailure.Unauthenticated,
                $"{_baseUrl} refused the bearer token of client '{_clientName}': {problem.Detail ?? "no reason given"}");
        }

        return response;
    }

    async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        await _tokenLock.WaitAsync(cancellationToken);
        try
        {
            if (_token is not null && DateTimeOffset.UtcNow < _tokenExpires - RenewBefore)
                return _token;

            using var request = new HttpRequestMessage(HttpMethod.Post, Relative("token"))
            {
                Content = new FormUrlEncodedContent([new("username", _clientName), new("password", _apiKey)]),
            };
            var requested = DateTimeOffset.UtcNow;
            using var response = await CallAsync(request, cancellationToken);
            switch (response.StatusCode)
            {
                case HttpStatusCode.OK:
                    break;
                case HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest:
                    throw new AdminApiException(AdminApiFailure.Unauthenticated,
                        $"{_baseUrl} refused client '{_clientName}' and its API key: use the name and key of one of its Auth:ApiKeys " +
                        "(AllInOne's Development settings have the client 'local').");
                case HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed:
                    throw new AdminApiException(AdminApiFailure.NotAvailable,
                        $"{_baseUrl} issues no tokens (no POST /token): point --url at AllInOne, whose operator endpoints these are.");
                default:
                    throw new AdminApiException(AdminApiFailure.Failed,
                        $"{_baseUrl} did not issue a token: {await DescribeAsync(response, cancellationToken)}");
            }

            var token = await ReadJsonAsync<TokenResponse>(response, cancellationToken);
            if (string.IsNullOrEmpty(token.AccessToken))
                throw new AdminApiException(AdminApiFailure.Failed, $"{_baseUrl} answered POST /token without a token: is this a Switchyard host?");
            _token = token.AccessToken;
            _tokenExpires = requested + TimeSpan.FromSeconds(token.ExpiresIn);
            return _token;
        }
        finally
        {
            _tokenLock.Release();
        }
    }

    async Task<HttpResponseMessage> CallAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new AdminApiException(AdminApiFailure.Unreachable,
                $"AllInOne is not answering at {_baseUrl}: start it with 'dotnet run --project services/AllInOne', or set --url to where it listens.", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AdminApiException(AdminApiFailure.Unreachable,
                $"{_baseUrl} did not answer within {RequestTimeout.TotalSeconds:0} seconds: is it the AllInOne host, and is it running?", e);
        }
    }

    /// <summary>Throws what a failed answer means; returns on success.</summary>
    async Task EnsureSuccessAsync(HttpResponseMessage response, string? queue, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
            return;

        var problem = await ReadProblemAsync(response, cancellationToken);
        throw response.StatusCode switch
        {
            HttpStatusCode.Forbidden => new AdminApiException(AdminApiFailure.Forbidden,
                problem.Detail ?? $"Client '{_clientName}' may not use the operator endpoints of {_baseUrl}: add it to Operator:AdminClients there."),
            // A 404 that names the queue is about the queue; any other 404 means there are no such endpoints here.
            HttpStatusCode.NotFound when problem.Queue is not null && queue is not null => new QueueNotFoundException(queue),
            HttpStatusCode.NotFound => new AdminApiException(AdminApiFailure.NotAvailable,
                $"{_baseUrl} has no operator endpoints: they exist only on a host with Bus:Transport=InMemory (AllInOne); " +
                "for RabbitMQ, connect to the broker instead."),
            _ => new AdminApiException(AdminApiFailure.Failed, $"{_baseUrl} refused the request: {Describe(response, problem)}"),
        };
    }

    static async Task<string> DescribeAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        Describe(response, await ReadProblemAsync(response, cancellationToken));

    static string Describe(HttpResponseMessage response, Problem problem) =>
        $"{(int)response.StatusCode} {problem.Title ?? response.ReasonPhrase}" + (problem.Detail is { } detail ? $": {detail}" : ".");

    static async Task<Problem> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentType?.MediaType is not { } type || !type.EndsWith("json", StringComparison.OrdinalIgnoreCase))
            return new Problem();
        try
        {
            return await response.Content.ReadFromJsonAsync<Problem>(ErrorQueueAdminApi.Json, cancellationToken) ?? new Problem();
        }
        catch (JsonException)
        {
            return new Problem();
        }
    }

    async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(ErrorQueueAdminApi.Json, cancellationToken)
                   ?? throw new JsonException("The answer is empty.");
        }
        catch (JsonException e)
        {
            throw new AdminApiException(AdminApiFailure.Failed,
                $"{_baseUrl} answered {response.RequestMessage?.RequestUri?.AbsolutePath} with something other than expected ({e.Message}): is it a Switchyard host of the same version?", e);
        }
    }

    static Uri Relative(string path) => new(path, UriKind.Relative);

    sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);

    sealed record Problem
    {
        public string? Title { get; init; }

        public string? Detail { get; init; }

        public string? Queue { get; init; }
    }
}

/// <summary>A message read through the operator endpoints; removing it deletes exactly this entry.</summary>
internal sealed class AdminApiErrorQueueEntry(AdminApiErrorQueueBroker broker, ErrorQueueMessage stored)
    : ErrorQueueEntry(stored.Queue, stored.Message, stored.Fault)
{
    /// <summary>The host's id for the entry.</summary>
    public long Id => stored.Id;

    /// <summary>When the host's queue received it.</summary>
    public DateTimeOffset StoredAt => stored.StoredAt;

    /// <inheritdoc />
    public override Task RemoveAsync(CancellationToken cancellationToken) =>
        broker.RemoveAsync(Queue, Message.MessageId, stored.Id, cancellationToken);
}
