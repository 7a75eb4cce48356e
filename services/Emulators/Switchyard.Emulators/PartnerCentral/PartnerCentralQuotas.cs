using Microsoft.Extensions.Options;

namespace Switchyard.Emulators.PartnerCentral;

/// <summary>
/// Partner Central's quotas per partner account, as the emulator enforces them on every signed request before it runs:
/// "Write actions ... 1 per second; 10,000 per 24 hours" and "Read actions ... 10 per second; 100,000 per 24 hours",
/// the daily ones over "a rolling 24 hour period" (https://docs.aws.amazon.com/partner-central/latest/selling-api/quotas.html).
/// A request over a quota is refused with a <c>ThrottlingException</c> (HTTP 429, the <c>httpError</c> of the shape in
/// AWS's Smithy model) saying "Rate exceeded", with a <c>Retry-After</c> of the seconds until the quota frees: the model
/// says to "retry after the provided delay". A refused request does not count; every other one does, failed or not.
/// Operations the page does not list are not limited.
/// </summary>
/// <remarks>
/// Each quota is a sliding window: at most N requests in any second, and in any window, counted from when each
/// arrived. That is at least as strict as AWS's, whose exact algorithm is not documented.
/// </remarks>
public sealed class PartnerCentralQuotas
{
    /// <summary>The message of a refusal.</summary>
    public const string RateExceeded = "Rate exceeded";

    static readonly HashSet<string> Writes = new(StringComparer.Ordinal)
    {
        "CreateOpportunity", "UpdateOpportunity", "AssociateOpportunity", "DisassociateOpportunity", "RejectEngagementInvitation",
        "AssignOpportunity", "StartEngagementFromOpportunityTask", "StartEngagementByAcceptingInvitationTask",
    };

    static readonly HashSet<string> Reads = new(StringComparer.Ordinal)
    {
        "GetOpportunity", "GetAwsOpportunitySummary", "ListOpportunities", "ListSolutions", "GetEngagementInvitation", "ListEngagementInvitations",
    };

    /// <summary>Whether <paramref name="operation"/> is one of the write actions the quotas page lists (e.g. to count a test's writes).</summary>
    public static bool IsWrite(string? operation) => operation is not null && Writes.Contains(operation);

    readonly Lock _gate = new();
    readonly PartnerCentralEmulatorQuotaOptions _options;
    readonly TimeProvider _clock;
    readonly SlidingCount _writesPerSecond;
    readonly SlidingCount _writesPerWindow;
    readonly SlidingCount _readsPerSecond;
    readonly SlidingCount _readsPerWindow;
    readonly List<QuotaRefusal> _refusals = [];

    /// <summary>Creates the counts of <paramref name="options"/>, on the emulator's clock.</summary>
    public PartnerCentralQuotas(PartnerCentralEmulatorQuotaOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _clock = clock;
        var second = TimeSpan.FromSeconds(1);
        _writesPerSecond = new SlidingCount(QuotaNames.WritesPerSecond, options.WritesPerSecond, second);
        _writesPerWindow = new SlidingCount(QuotaNames.WritesPerWindow, options.WritesPerWindow, options.Window);
        _readsPerSecond = new SlidingCount(QuotaNames.ReadsPerSecond, options.ReadsPerSecond, second);
        _readsPerWindow = new SlidingCount(QuotaNames.ReadsPerWindow, options.ReadsPerWindow, options.Window);
    }

    /// <summary>The requests refused, oldest first: which quota refused which request.</summary>
    public IReadOnlyList<QuotaRefusal> Refusals
    {
        get
        {
            lock (_gate)
                return [.. _refusals];
        }
    }

    /// <summary>Writes counted in the current window.</summary>
    public int WritesInWindow
    {
        get
        {
            lock (_gate)
                return _writesPerWindow.CountAt(_clock.GetUtcNow());
        }
    }

    /// <summary>
    /// Counts <paramref name="operation"/> against its quotas, or refuses it (a <see cref="PartnerCentralErrorException"/>
    /// of type <c>ThrottlingException</c>) when one is used up; the window's quota is checked first, as the longer wait.
    /// </summary>
    internal void Admit(string operation, byte[] body)
    {
        if (!_options.Enabled)
            return;
        var (window, second) = Writes.Contains(operation) ? (_writesPerWindow, _writesPerSecond)
            : Reads.Contains(operation) ? (_readsPerWindow, _readsPerSecond)
            : (null, null);
        if (window is null || second is null)
            return;

        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            var (quota, freeAt) = window.FreeAt(now) is { } windowFree ? (window, windowFree)
                : second.FreeAt(now) is { } secondFree ? (second, secondFree)
                : ((SlidingCount?)null, default(DateTimeOffset));
            if (quota is not null)
            {
                _refusals.Add(new QuotaRefusal(now, operation, quota.Name, System.Text.Encoding.UTF8.GetString(body)));
                throw new PartnerCentralErrorException(PartnerCentralErrorTypes.Throttling, PartnerCentralErrorTypes.DefaultStatus(PartnerCentralErrorTypes.Throttling), RateExceeded)
                {
                    RetryAfter = TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling((freeAt - now).TotalSeconds))),
                };
            }

            window.Add(now);
            second.Add(now);
        }
    }

    /// <summary>Forgets every count and refusal.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _writesPerSecond.Clear();
            _writesPerWindow.Clear();
            _readsPerSecond.Clear();
            _readsPerWindow.Clear();
            _refusals.Clear();
        }
    }

    /// <summary>At most <paramref name="limit"/> requests in any <paramref name="window"/>.</summary>
    sealed class SlidingCount(string name, int limit, TimeSpan window)
    {
        readonly Queue<DateTimeOffset> _times = new();

        public string Name { get; } = name;

        /// <summary>Null when another request fits now; else when one will.</summary>
        public DateTimeOffset? FreeAt(DateTimeOffset now)
        {
            Forget(now);
            return _times.Count < limit ? null : _times.ElementAt(_times.Count - limit) + window;
        }

        public int CountAt(DateTimeOffset now)
        {
            Forget(now);
            return _times.Count;
        }

        public void Add(DateTimeOffset now) => _times.Enqueue(now);

        public void Clear() => _times.Clear();

        // A request leaves the window a whole window after it arrived.
        void Forget(DateTimeOffset now)
        {
            while (_times.Count > 0 && _times.Peek() + window <= now)
                _times.Dequeue();
        }
    }
}

/// <summary>The quotas' names, as <see cref="QuotaRefusal.Quota"/> gives them.</summary>
public static class QuotaNames
{
    /// <summary>Writes per second.</summary>
    public const string WritesPerSecond = "WritesPerSecond";

    /// <summary>Writes per window (24 hours at AWS).</summary>
    public const string WritesPerWindow = "WritesPerWindow";

    /// <summary>Reads per second.</summary>
    public const string ReadsPerSecond = "ReadsPerSecond";

    /// <summary>Reads per window (24 hours at AWS).</summary>
    public const string ReadsPerWindow = "ReadsPerWindow";
}

/// <summary>A request a quota refused.</summary>
/// <param name="At">When, by the emulator's clock.</param>
/// <param name="Operation">The operation, e.g. <c>UpdateOpportunity</c>.</param>
/// <param name="Quota">Which quota (see <see cref="QuotaNames"/>).</param>
/// <param name="Body">The request's body as received.</param>
public sealed record QuotaRefusal(DateTimeOffset At, string Operation, string Quota, string Body);

/// <summary>The <c>Emulators:PartnerCentral:Quotas</c> section: AWS's quotas unless set, smaller in tests.</summary>
public sealed class PartnerCentralEmulatorQuotaOptions
{
    /// <summary>Whether the quotas are enforced at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Writes per second.</summary>
    public int WritesPerSecond { get; set; } = 1;

    /// <summary>Writes per <see cref="Window"/>.</summary>
    public int WritesPerWindow { get; set; } = 10_000;

    /// <summary>Reads per second.</summary>
    public int ReadsPerSecond { get; set; } = 10;

    /// <summary>Reads per <see cref="Window"/>.</summary>
    public int ReadsPerWindow { get; set; } = 100_000;

    /// <summary>The rolling window of the per-window quotas: 24 hours at AWS.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(1);
}

/// <summary>Checks <c>Emulators:PartnerCentral:Quotas</c> at start-up.</summary>
public sealed class PartnerCentralEmulatorQuotaOptionsValidator : IValidateOptions<PartnerCentralEmulatorOptions>
{
    const string Key = PartnerCentralEmulatorOptions.Section + ":Quotas";

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PartnerCentralEmulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var quotas = options.Quotas;
        var failures = new List<string>();
        foreach (var (key, value) in new[]
                 {
                     ("WritesPerSecond", quotas.WritesPerSecond), ("WritesPerWindow", quotas.WritesPerWindow),
                     ("ReadsPerSecond", quotas.ReadsPerSecond), ("ReadsPerWindow", quotas.ReadsPerWindow),
                 })
        {
            if (value is < 1 or > 10_000_000)
                failures.Add($"{Key}:{key} is {value}; it must be between 1 and 10000000.");
        }

        if (quotas.Window < TimeSpan.FromSeconds(1) || quotas.Window > TimeSpan.FromDays(31))
            failures.Add($"{Key}:Window is {quotas.Window}; it must be between 00:00:01 and 31.00:00:00.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
