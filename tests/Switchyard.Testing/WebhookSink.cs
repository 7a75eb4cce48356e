using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Switchyard.Testing;

/// <summary>
/// A webhook subscriber on loopback: a real Kestrel listener that records every request and answers with the status
/// the test chooses.
/// </summary>
public sealed class WebhookSink : IAsyncDisposable
{
    readonly WebApplication _app;
    readonly ConcurrentQueue<ReceivedRequest> _requests = new();
    Func<ReceivedRequest, CancellationToken, Task<int>> _respond = (_, _) => Task.FromResult(StatusCodes.Status200OK);
    Action<ReceivedRequest, HttpResponse>? _headers;
    Func<ReceivedRequest, string?>? _body;

    WebhookSink(WebApplication app) => _app = app;

    /// <summary>The listener's base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Everything received so far, in order of arrival.</summary>
    public IReadOnlyList<ReceivedRequest> Requests => _requests.ToArray();

    /// <summary>A URL on this sink; different paths let one sink stand for several subscribers.</summary>
    public Uri Url(string path = "/hook") => new(BaseAddress, path);

    /// <summary>Chooses the status code for each request from now on (200 until called).</summary>
    public void RespondWith(Func<ReceivedRequest, int> respond) => _respond = (request, _) => Task.FromResult(respond(request));

    /// <summary>
    /// Chooses the status code asynchronously: a subscriber that hangs awaits the token, which fires when the caller
    /// gives up on the request.
    /// </summary>
    public void RespondWith(Func<ReceivedRequest, CancellationToken, Task<int>> respond) => _respond = respond;

    /// <summary>Adds response headers, e.g. <c>Retry-After</c>, to each answer from now on.</summary>
    public void AddHeaders(Action<ReceivedRequest, HttpResponse> headers) => _headers = headers;

    /// <summary>Adds a body (text) to each answer from now on; null for none.</summary>
    public void AnswerWith(Func<ReceivedRequest, string?> body) => _body = body;

    /// <summary>Starts a sink on a free loopback port.</summary>
    public static async Task<WebhookSink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var sink = new WebhookSink(app);

        app.Map("/{**path}", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var request = new ReceivedRequest(
                context.Request.Method,
                context.Request.Path.Value ?? "/",
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                await reader.ReadToEndAsync(context.RequestAborted));
            sink._requests.Enqueue(request);
            int status;
            try
            {
                status = await sink._respond(request, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            context.Response.StatusCode = status;
            sink._headers?.Invoke(request, context.Response);
            if (sink._body?.Invoke(request) is { } text)
                await context.Response.WriteAsync(text, context.RequestAborted);
        });

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        sink.BaseAddress = new Uri(address + "/");
        return sink;
    }

    /// <summary>Waits until at least <paramref name="count"/> requests matching <paramref name="filter"/> arrived.</summary>
    public async Task<IReadOnlyList<ReceivedRequest>> WaitForAsync(int count, Func<ReceivedRequest, bool>? filter = null, TimeSpan? timeout = null)
    {
        IReadOnlyList<ReceivedRequest> Matching() => Requests.Where(filter ?? (_ => true)).ToList();
        await Poll.UntilAsync(() => Matching().Count >= count, $"{count} request(s) at the webhook sink", timeout);
        return Matching();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One request the sink received.</summary>
public sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>The body parsed as JSON.</summary>
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    /// <summary>A header's value, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
