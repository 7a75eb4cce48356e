using System.Runtime.CompilerServices;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests;

static class TestAssembly
{
    /// <summary>Before any test starts a bus (see <see cref="MassTransitMetrics"/>).</summary>
    [ModuleInitializer]
    internal static void Initialize() => MassTransitMetrics.UseOneMeterForTheProcess();
}
