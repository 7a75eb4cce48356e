namespace Switchyard.Hosting.Bus;

/// <summary>The <c>Bus</c> configuration section.</summary>
public sealed class BusOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Bus";

    /// <summary><c>InMemory</c> (default), <c>RabbitMq</c> or <c>AmazonSqs</c>. A string so a typo gets a clear message instead of a binder error.</summary>
    public string Transport { get; set; } = nameof(BusTransport.InMemory);

    /// <summary>Used when <see cref="Transport"/> is <c>RabbitMq</c>.</summary>
    public RabbitMqOptions RabbitMq { get; set; } = new();

    /// <summary>Used when <see cref="Transport"/> is <c>AmazonSqs</c>.</summary>
    public AmazonSqsOptions AmazonSqs { get; set; } = new();

    /// <summary>Immediate retries of a failing consumer, in the same delivery.</summary>
    public RetryOptions Retry { get; set; } = new();

    /// <summary>Delayed redelivery after the immediate retries are spent, on transports that can delay a message.</summary>
    public RedeliveryOptions Redelivery { get; set; } = new();

    /// <summary>
    /// Lets MassTransit report anonymous usage (versions, transport, endpoint counts) to its authors. Off unless turned
    /// on here or with MassTransit's <c>MASSTRANSIT_USAGE_TELEMETRY=true</c>.
    /// </summary>
    public bool UsageTelemetry { get; set; }

    /// <summary>The parsed <see cref="Transport"/>, or null when it names no transport.</summary>
    public BusTransport? TransportKind => ParseTransport(Transport);

    /// <summary>
    /// The transport a name selects, ignoring case, or null. Names only: <c>Enum.TryParse</c> would also take "2".
    /// </summary>
    public static BusTransport? ParseTransport(string? name) =>
        Enum.GetValues<BusTransport>().Cast<BusTransport?>()
            .FirstOrDefault(kind => string.Equals(kind.ToString(), name?.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>The <c>Bus:RabbitMq</c> section.</summary>
public sealed class RabbitMqOptions
{
    /// <summary>Broker host name or address.</summary>
    public string Host { get; set; } = "localhost";

    /// <summary>AMQP port.</summary>
    public int Port { get; set; } = 5672;

    /// <summary>Virtual host: one per environment keeps their queues apart.</summary>
    public string VirtualHost { get; set; } = "/";

    /// <summary>User name.</summary>
    public string Username { get; set; } = "guest";

    /// <summary>Password. Never logged.</summary>
    public string Password { get; set; } = "guest";

    /// <summary>Connect with TLS.</summary>
    public bool UseSsl { get; set; }

    /// <summary>
    /// The broker has the delayed-message-exchange plugin, so delayed redelivery can be used. Debian's broker lacks it;
    /// the docker-compose broker has it.
    /// </summary>
    public bool DelayedExchange { get; set; }
}

/// <summary>The <c>Bus:Retry</c> section.</summary>
public sealed class RetryOptions
{
    /// <summary>The seeds' schedule: 1 s, 2 s, 4 s.</summary>
    public static readonly IReadOnlyList<TimeSpan> DefaultIntervals =
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)];

    /// <summary>Turns immediate retries off.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The waits between attempts; one retry per entry. Null means <see cref="DefaultIntervals"/> (the binder appends to
    /// a pre-filled list, so the default cannot live in the property).
    /// </summary>
    public TimeSpan[]? Intervals { get; set; }

    /// <summary>
    /// The longest <c>Retry-After</c> an immediate retry honours; a failing call that asks for more waits this long.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The intervals in effect.</summary>
    public IReadOnlyList<TimeSpan> EffectiveIntervals => !Enabled ? [] : Intervals ?? DefaultIntervals;
}

/// <summary>The <c>Bus:Redelivery</c> section.</summary>
public sealed class RedeliveryOptions
{
    /// <summary>The delays before each redelivery, e.g. 5 minutes, 30 minutes, 2 hours. Empty or absent: off.</summary>
    public TimeSpan[]? Intervals { get; set; }

    /// <summary>
    /// How far each wait may stray from its interval, as a fraction of it (0.1: from 90 % to 110 %), so that messages
    /// that failed together come back spread out. 0 (the default) keeps the intervals exact.
    /// </summary>
    public double Jitter { get; set; }

    /// <summary>The intervals in effect.</summary>
    public IReadOnlyList<TimeSpan> EffectiveIntervals => Intervals ?? [];

    /// <summary>The schedule these settings describe (validated first: see <see cref="BusOptionsValidator"/>).</summary>
    public RedeliverySchedule Schedule => new(EffectiveIntervals, Jitter);
}
