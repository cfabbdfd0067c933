using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace KioskAssist.Testing;

/// <summary>A TCP port on loopback that nothing listens on right now, and that no outgoing connection will take.</summary>
/// <remarks>
/// A port the kernel hands out for <c>bind(0)</c> comes from the ephemeral range, the same range every outgoing
/// connection's source port is drawn from. Between this call and the broker's bind (or while a broker is stopped for
/// a restart test and its kiosks keep reconnecting) another test's client could take it, and the broker would then
/// fail with "address in use". So ports are drawn below the ephemeral range, and never handed out twice in one run.
/// </remarks>
public static class FreePort
{
    private const int Lowest = 10_000;
    private static readonly ConcurrentDictionary<int, bool> HandedOut = new();

    public static int Next()
    {
        var (ephemeralLow, _) = EphemeralRange();
        var highest = Math.Max(Lowest + 1_000, ephemeralLow - 1);
        for (var attempt = 0; attempt < 1_000; attempt++)
        {
            var port = Random.Shared.Next(Lowest, highest);
            if (IsFree(port) && HandedOut.TryAdd(port, true))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free loopback port between {Lowest} and {highest}");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Linux's <c>ip_local_port_range</c>; its default when the file cannot be read.</summary>
    private static (int Low, int High) EphemeralRange()
    {
        try
        {
            var parts = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range")
                .Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            return (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return (32_768, 60_999);
        }
    }
}
