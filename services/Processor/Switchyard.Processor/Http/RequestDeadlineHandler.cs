namespace Switchyard.Processor.Http;

/// <summary>
/// Gives one HTTP exchange one deadline, answer body included: the body is read into memory before the answer goes
/// back up the handler chain, so nothing above this handler waits on the network. A passed deadline becomes a
/// <see cref="TimeoutException"/>, which the API's error handler turns into its transient failure; the caller's own
/// cancellation stays an <see cref="OperationCanceledException"/>.
/// </summary>
/// <param name="deadline">How long one exchange may take, read for each request.</param>
public sealed class RequestDeadlineHandler(Func<TimeSpan> deadline) : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var timeout = deadline();
        using var deadlineSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadlineSource.CancelAfter(timeout);

        HttpResponseMessage? response = null;
        try
        {
            response = await base.SendAsync(request, deadlineSource.Token);
            await response.Content.LoadIntoBufferAsync(deadlineSource.Token);
            var answered = response;
            response = null;
            return answered;
        }
        catch (OperationCanceledException e) when (deadlineSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"No complete answer within {timeout}.", e);
        }
        finally
        {
            response?.Dispose();
        }
    }
}
