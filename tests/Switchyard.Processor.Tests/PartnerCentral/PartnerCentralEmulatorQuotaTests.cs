using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Emulators.PartnerCentral;
using Switchyard.Processor.PartnerCentral;
using Switchyard.Processor.Tests.Quotas;

namespace Switchyard.Processor.Tests.PartnerCentral;

/// <summary>
/// The emulator's quotas over HTTP: writes per second and per window, reads per second, refused with AWS's
/// <c>ThrottlingException</c> and a <c>Retry-After</c>, on a clock the test moves (within signing's tolerance).
/// </summary>
public sealed class PartnerCentralEmulatorQuotaTests : IAsyncLifetime
{
    readonly ManualClock _clock = new(DateTimeOffset.UtcNow);
    PartnerCentralEmulatorHost _host = null!;

    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _host = await PartnerCentralEmulatorHost.StartAsync(configure: options =>
    {
        options.Quotas.Enabled = true;
        options.Quotas.WritesPerSecond = 1;
        options.Quotas.WritesPerWindow = 3;
        options.Quotas.Window = TimeSpan.FromMinutes(1);
        options.Quotas.ReadsPerSecond = 2;
    }, clock: _clock);

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    async Task<(int Status, string? Type, string? Message, string? RetryAfter)> SendAsync(string operation)
    {
        var signer = _host.CreateClient(clock: _clock).Services.GetRequiredService<PartnerCentralRequestSigner>();
        // Requests the model refuses still count, as at AWS: the quota is checked first.
        using var request = await signer.CreateSignedRequestAsync(operation, Encoding.UTF8.GetBytes("{\"Catalog\":\"Sandbox\"}"), Cancel);
        using var http = new HttpClient();
        using var response = await http.SendAsync(request, Cancel);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancel))!.AsObject();
        return ((int)response.StatusCode, (string?)body["__type"], (string?)body["message"] ?? (string?)body["Message"],
            response.Headers.TryGetValues("Retry-After", out var values) ? values.Single() : null);
    }

    static void ShouldBeThrottled((int Status, string? Type, string? Message, string? RetryAfter) answer, string retryAfter)
    {
        answer.Status.ShouldBe(429);
        answer.Type.ShouldBe("com.amazonaws.partnercentralselling#ThrottlingException");
        answer.Message.ShouldBe(PartnerCentralQuotas.RateExceeded);
        answer.RetryAfter.ShouldBe(retryAfter);
    }

    [Fact]
    public async Task Writes_past_a_second_or_a_window_are_throttled_and_refusals_do_not_count()
    {
        (await SendAsync("UpdateOpportunity")).Status.ShouldNotBe(429);
        ShouldBeThrottled(await SendAsync("AssociateOpportunity"), "1");
        _clock.Advance(TimeSpan.FromSeconds(1));
        (await SendAsync("AssociateOpportunity")).Status.ShouldNotBe(429, "the refused write did not use the second");
        _clock.Advance(TimeSpan.FromSeconds(1));
        (await SendAsync("CreateOpportunity")).Status.ShouldNotBe(429);
        _clock.Advance(TimeSpan.FromSeconds(1));
        ShouldBeThrottled(await SendAsync("UpdateOpportunity"), "57");

        _host.Emulator.Quotas.Refusals.Select(r => (r.Operation, r.Quota))
            .ShouldBe([("AssociateOpportunity", QuotaNames.WritesPerSecond), ("UpdateOpportunity", QuotaNames.WritesPerWindow)]);
        _host.Emulator.Quotas.WritesInWindow.ShouldBe(3);

        (await SendAsync("GetOpportunity")).Status.ShouldNotBe(429, "reads have quotas of their own");
        _clock.Advance(TimeSpan.FromSeconds(57));
        (await SendAsync("UpdateOpportunity")).Status.ShouldNotBe(429, "the first write has left the window");
    }

    [Fact]
    public async Task Reads_past_their_second_are_throttled()
    {
        (await SendAsync("GetOpportunity")).Status.ShouldNotBe(429);
        (await SendAsync("ListSolutions")).Status.ShouldNotBe(429);
        ShouldBeThrottled(await SendAsync("GetOpportunity"), "1");
        (await SendAsync("UpdateOpportunity")).Status.ShouldNotBe(429, "writes have quotas of their own");
        _clock.Advance(TimeSpan.FromSeconds(1));
        (await SendAsync("GetOpportunity")).Status.ShouldNotBe(429);
    }
}
