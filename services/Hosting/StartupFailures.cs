using Microsoft.AspNetCore.Connections;

namespace Switchyard.Hosting;

/// <summary>Start-up failures that are an operator's to fix, reported in one line rather than a stack trace.</summary>
public static class StartupFailures
{
    /// <summary>Whether <paramref name="exception"/> (or one it wraps) says a listening address is taken.</summary>
    public static bool IsAddressInUse(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is AddressInUseException)
                return true;
        }

        return false;
    }
}
