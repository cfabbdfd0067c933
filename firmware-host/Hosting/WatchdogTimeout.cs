using System.Globalization;

namespace KioskAssist.FirmwareHost.Hosting;

/// <summary>Reads the watchdog systemd set for this process (<c>WatchdogSec=</c> in the unit) from its environment.</summary>
public static class WatchdogTimeout
{
    /// <summary>
    /// <c>WATCHDOG_USEC</c> (microseconds) when it is meant for this process: systemd also sets <c>WATCHDOG_PID</c>,
    /// and a child that inherited the variables must not answer for its parent. Null when there is no watchdog.
    /// </summary>
    public static TimeSpan? FromEnvironment(Func<string, string?> variable, int processId)
    {
        ArgumentNullException.ThrowIfNull(variable);
        if (!long.TryParse(variable("WATCHDOG_USEC"), NumberStyles.None, CultureInfo.InvariantCulture, out var microseconds) || microseconds <= 0)
        {
            return null;
        }

        var pid = variable("WATCHDOG_PID");
        if (!string.IsNullOrEmpty(pid) && pid != processId.ToString(CultureInfo.InvariantCulture))
        {
            return null;
        }

        return TimeSpan.FromMicroseconds(microseconds);
    }
}
