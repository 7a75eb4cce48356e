using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchyard.Operator.Brokers.RabbitMq;

/// <summary>
/// The management plugin's HTTP API, used only to list a virtual host's queues: AMQP has no way to enumerate them.
/// </summary>
internal sealed class RabbitMqManagementApi : IDisposable
{
    readonly HttpClient _http;
    readonly string _virtualHost;

    public RabbitMqManagementApi(Uri baseAddress, string virtualHost, string username, string password)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        Address = WithoutUserInfo(baseAddress);
        _virtualHost = virtualHost;
        _http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));
    }

    /// <summary>The API's base address as the operator gave it, without credentials, ending in a slash.</summary>
    public Uri Address { get; }

    /// <summary>Every queue of the virtual host with its ready count, when the broker has sampled one yet.</summary>
    public async Task<IReadOnlyList<ListedQueue>> GetQueuesAsync(CancellationToken cancellationToken)
    {
        var path = $"api/queues/{Uri.EscapeDataString(_virtualHost)}?columns=name,messages_ready";
        HttpResponseMessage response;
        try
        {
            response = await _http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw Unavailable(e.Message, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unavailable($"no answer within {_http.Timeout.TotalSeconds:0} s", e);
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.Unauthorized)
                throw Unavailable("the user name or password was refused (401)");
            if (response.StatusCode == HttpStatusCode.NotFound)
                throw Unavailable($"there is no virtual host '{_virtualHost}' (404)");
            if (!response.IsSuccessStatusCode)
                throw Unavailable($"it answered {(int)response.StatusCode} {response.ReasonPhrase}");

            try
            {
                var queues = await response.Content.ReadFromJsonAsync<List<ListedQueue>>(cancellationToken).ConfigureAwait(false);
                return queues ?? [];
            }
            catch (JsonException e)
            {
                throw Unavailable("its answer was not the list of queues it should be; is this the management API's address?", e);
            }
        }
    }

    BrokerUnavailableException Unavailable(string reason, Exception? inner = null) =>
        new($"Cannot list the queues of virtual host '{_virtualHost}' with the RabbitMQ management API at {Address}: {reason}", inner);

    /// <summary>
    /// The base address without user information (credentials come from the bus settings, and an address is shown to
    /// the operator) and with one trailing slash, so relative paths extend it rather than replace its last segment.
    /// An address that already ends in <c>api/</c> is taken back to its root, since every path here starts with it.
    /// </summary>
    static Uri WithoutUserInfo(Uri address)
    {
        var builder = new UriBuilder(address) { UserName = "", Password = "", Query = "", Fragment = "" };
        var path = builder.Path.TrimEnd('/');
        if (path.EndsWith("/api", StringComparison.OrdinalIgnoreCase))
            path = path[..^"/api".Length];
        builder.Path = path + "/";
        return builder.Uri;
    }

    public void Dispose() => _http.Dispose();

    /// <summary>A queue as the listing describes it.</summary>
    /// <param name="Name">The queue's name.</param>
    /// <param name="MessagesReady">Ready messages at the last statistics sample; absent until the first one.</param>
    internal sealed record ListedQueue(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("messages_ready")] long? MessagesReady);
}
