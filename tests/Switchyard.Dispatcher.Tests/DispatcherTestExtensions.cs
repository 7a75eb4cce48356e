using System.Security.Cryptography;
using System.Text;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Contracts.Delivery;
using Switchyard.Dispatcher.Delivery;
using Switchyard.Dispatcher.Storage;
using Switchyard.Dispatcher.Subscriptions;
using Switchyard.Testing;

namespace Switchyard.Dispatcher.Tests;

internal static class DispatcherTestExtensions
{
    /// <summary>Sends the delivery command, and returns its message id (see <see cref="ModuleHarness.WaitUntilHandledAsync"/>).</summary>
    public static async Task<Guid> SendDeliveryAsync(this ModuleHarness harness, DeliverWebhook webhook)
    {
        var messageId = NewId.NextGuid();
        var endpoint = await harness.Harness.Bus.GetSendEndpoint(new Uri($"queue:{DispatcherModule.DeliveryEndpointName}"));
        await endpoint.Send(webhook, context => context.MessageId = messageId, TestContext.Current.CancellationToken);
        return messageId;
    }

    public static async Task<T> QueryAsync<T>(this IServiceProvider services, Func<DispatcherDbContext, Task<T>> query)
    {
        await using var scope = services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<DispatcherDbContext>());
    }

    public static Task<List<DeliveryAttemptRecord>> AttemptsAsync(this IServiceProvider services, string? subscriptionId = null) =>
        services.QueryAsync(db => db.DeliveryAttempts.AsNoTracking()
            .Where(a => subscriptionId == null || a.SubscriptionId == subscriptionId).OrderBy(a => a.Id).ToListAsync());

    public static Task<SubscriptionRecord> SubscriptionAsync(this IServiceProvider services, string id) =>
        services.QueryAsync(db => db.Subscriptions.AsNoTracking().SingleAsync(s => s.Id == id));

    /// <summary>Waits until the log holds <paramref name="count"/> attempts of the subscription, and returns them.</summary>
    public static async Task<List<DeliveryAttemptRecord>> WaitForAttemptsAsync(this IServiceProvider services, string subscriptionId, int count)
    {
        await Poll.UntilAsync(async () => (await services.AttemptsAsync(subscriptionId)).Count >= count, $"{count} attempt(s) to {subscriptionId} in the delivery log");
        return await services.AttemptsAsync(subscriptionId);
    }

    /// <summary>The Standard Webhooks signature, computed from the specification, not with the dispatcher's code.</summary>
    public static string SignatureBySpec(string secret, string webhookId, string timestamp, string body)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{webhookId}.{timestamp}.{body}")));
    }
}
