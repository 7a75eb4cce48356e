using MassTransit.Logging;
using MassTransit.Monitoring;

namespace Switchyard.Testing;

/// <summary>
/// MassTransit creates its instruments once per process, on the meter factory of the first host that starts a bus, and
/// they stop when that host is disposed. A service process has one host for its whole life; a test process starts and
/// disposes many. Test projects that read MassTransit's metrics call <see cref="UseOneMeterForTheProcess"/> from a module
/// initializer, so its instruments live as long as the process, as they do in a service.
/// </summary>
public static class MassTransitMetrics
{
    /// <summary>Creates MassTransit's instruments now, on a meter of their own, with MassTransit's default names.</summary>
    public static void UseOneMeterForTheProcess()
    {
        var options = new InstrumentationOptions();
        new ConfigureDefaultInstrumentationOptions().Configure(options);
        LogContextInstrumentationExtensions.TryConfigure(options);
    }
}
