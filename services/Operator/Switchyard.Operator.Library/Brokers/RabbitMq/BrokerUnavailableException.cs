namespace Switchyard.Operator.Brokers.RabbitMq;

/// <summary>
/// The broker could not be reached, refused the credentials, or dropped the connection. The message is one line that
/// names where (host, port, virtual host or management address) and why, and never a secret, so the tool can print it
/// and exit.
/// </summary>
internal sealed class BrokerUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BrokerUnavailableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
