namespace Switchyard.Operator.Brokers.AdminApi;

/// <summary>What kept the operator endpoints from answering.</summary>
internal enum AdminApiFailure
{
    /// <summary>Nothing answers at the address, or it did not answer in time.</summary>
    Unreachable,

    /// <summary>The API key, or the token obtained with it, was refused (401).</summary>
    Unauthenticated,

    /// <summary>The client is not one of the host's <c>Operator:AdminClients</c> (403).</summary>
    Forbidden,

    /// <summary>The host answers but has no operator endpoints (not on the in-memory transport, or not a Switchyard host).</summary>
    NotAvailable,

    /// <summary>The host refused or failed the request for another reason; the message has its explanation.</summary>
    Failed,
}

/// <summary>
/// The operator endpoints of an in-memory host could not be used. The message is one line that says what to do; it
/// never holds the API key or the token.
/// </summary>
internal sealed class AdminApiException(AdminApiFailure failure, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>What went wrong.</summary>
    public AdminApiFailure Failure { get; } = failure;
}
