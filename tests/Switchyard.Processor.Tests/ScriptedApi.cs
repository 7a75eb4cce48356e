using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Switchyard.Processor.Tests;

/// <summary>
/// A stand-in for HubSpot or Partner Central on loopback, for answers their emulators do not give (a gateway's page,
/// a <c>Retry-After</c>): a real Kestrel listener that answers every request as the test scripted and records what
/// arrived.
/// </summary>
sealed class ScriptedApi : IAsyncDisposable
{
    readonly WebApplication _app;
    readonly ConcurrentQueue<ScriptedRequest> _requests = new();
    volatile ScriptedAnswer _answer = new(200, "{}", []);

    ScriptedApi(WebApplication app) => _app = app;

    /// <summary>The listener's base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Everything received so far, in order of arrival.</summary>
    public IReadOnlyList<ScriptedRequest> Requests => _requests.ToArray();

    /// <summary>Answers every request from now on with <paramref name="status"/>, <paramref name="body"/> and <paramref name="headers"/>.</summary>
    public void Answer(int status, string body, params (string Name, string Value)[] headers) => _answer = new ScriptedAnswer(status, body, headers);

    /// <summary>Starts the listener on a free loopback port, answering <c>200 {}</c> until told otherwise.</summary>
    public static async Task<ScriptedApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var api = new ScriptedApi(app);

        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            api._requests.Enqueue(new ScriptedRequest(context.Request.Method, context.Request.Path.Value ?? "/",
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body.ToArray()));

            var answer = api._answer;
            context.Response.StatusCode = answer.Status;
            foreach (var (name, value) in answer.Headers)
                context.Response.Headers[name] = value;
            await context.Response.WriteAsync(answer.Body, context.RequestAborted);
        });

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        api.BaseAddress = new Uri(address + "/");
        return api;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    sealed record ScriptedAnswer(int Status, string Body, (string Name, string Value)[] Headers);
}

/// <summary>One request the stand-in received.</summary>
sealed record ScriptedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>A header's value, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
