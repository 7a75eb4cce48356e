namespace Switchyard.Hosting.Shutdown;

/// <summary>
/// The <c>Shutdown</c> section: how a host stops when told to (SIGTERM, Ctrl+C), within what docker (10 s) and
/// Kubernetes (30 s) give a container before killing it.
/// </summary>
/// <remarks>
/// The order: at once, new HTTP work is answered 503 with <c>Retry-After</c> and readiness turns 503; after
/// <see cref="DrainDelay"/>, the server stops taking connections and lets the requests in progress finish; then the bus
/// stops taking messages, gives the consumers at work <see cref="ConsumerStopTimeout"/> to finish, and cancels the rest,
/// whose messages go back to the broker. All of it within <see cref="Timeout"/>.
/// </remarks>
public sealed class ShutdownOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Shutdown";

    /// <summary>
    /// The most the whole stop may take (the host's shutdown timeout): what is still running then is abandoned. The
    /// default fits inside docker's 10 seconds.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>
    /// How long new requests are answered 503 (and readiness 503) before the server stops taking connections, so that
    /// load balancers stop sending here first. 0 stops at once.
    /// </summary>
    public TimeSpan DrainDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long consumers at work when the bus stops may take to finish; then they are cancelled and their messages go
    /// back to the broker (in memory: are dropped, and counted).
    /// </summary>
    public TimeSpan ConsumerStopTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The <c>Retry-After</c>, in seconds, of the 503 answered while draining.</summary>
    public int RetryAfterSeconds { get; set; } = 5;
}
