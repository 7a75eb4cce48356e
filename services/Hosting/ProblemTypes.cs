namespace Switchyard.Hosting;

/// <summary>
/// The <c>type</c> URIs of Switchyard's RFC 9457 problem details. Stable: clients and tests match on them.
/// </summary>
public static class ProblemTypes
{
    const string Base = "https://switchyard.dev/problems/";

    /// <summary>The body is not what the endpoint accepts (malformed JSON, wrong shape, missing field).</summary>
    public const string InvalidBody = Base + "invalid-body";

    /// <summary>The broker did not confirm in time; nothing was acknowledged, so the sender should retry.</summary>
    public const string BrokerUnavailable = Base + "broker-unavailable";
}
