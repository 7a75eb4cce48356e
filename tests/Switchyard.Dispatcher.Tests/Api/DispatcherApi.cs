using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Hosting.Auth;
using Switchyard.Testing;

namespace Switchyard.Dispatcher.Tests.Api;

/// <summary>A dispatcher host on loopback (in-memory bus), with clients holding tokens for two API clients.</summary>
internal sealed class DispatcherApi : IAsyncDisposable
{
    DispatcherApi(SwitchyardTestHost host)
    {
        Host = host;
        Zapier = Client("zapier");
        Crm = Client("crm-app");
    }

    public SwitchyardTestHost Host { get; }

    /// <summary>Authenticated as <c>zapier</c>.</summary>
    public HttpClient Zapier { get; }

    /// <summary>Authenticated as <c>crm-app</c>.</summary>
    public HttpClient Crm { get; }

    public static async Task<DispatcherApi> StartAsync(IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var host = await SwitchyardTestHost.StartAsync([new DispatcherModule()], new Dictionary<string, string?>
        {
            ["Auth:ApiKeys:0:Name"] = "zapier",
            ["Auth:ApiKeys:0:Key"] = "zapier-key-0123456789",
            ["Auth:ApiKeys:1:Name"] = "crm-app",
            ["Auth:ApiKeys:1:Key"] = "crm-key-0123456789",
            ["Dispatcher:Delivery:AllowedNetworks:0"] = "127.0.0.0/8",
        }.Concat(settings ?? []).GroupBy(s => s.Key).Select(g => g.Last()));
        return new DispatcherApi(host);
    }

    HttpClient Client(string name)
    {
        var token = Host.Services.GetRequiredService<TokenService>().Issue(name).AccessToken;
        return new HttpClient { BaseAddress = Host.BaseAddress, DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };
    }

    public async ValueTask DisposeAsync()
    {
        Zapier.Dispose();
        Crm.Dispose();
        await Host.DisposeAsync();
    }
}
