using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using KioskAssist.Tests.Support;

namespace KioskAssist.Tests.Integration;

/// <summary>
/// The real kiosk process given a watchdog the way systemd gives one (<c>NOTIFY_SOCKET</c>, <c>WATCHDOG_USEC</c>): the
/// test plays systemd's side of the notify socket and counts the pings that arrive.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SystemdNotifyTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    [Fact]
    public async Task The_kiosk_pings_the_watchdog_at_half_its_timeout()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("systemd's notify socket is a Linux unix datagram socket.");
        }

        var socketPath = _folder.File("notify.sock");
        using var systemd = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        systemd.Bind(new UnixDomainSocketEndPoint(socketPath));
        using var kiosk = Start(socketPath, watchdogMicroseconds: 2_000_000);
        try
        {
            var pings = new List<DateTime>();
            var buffer = new byte[256];
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            patience.CancelAfter(TimeSpan.FromSeconds(90)); // the model loads first
            while (pings.Count < 8)
            {
                var length = await systemd.ReceiveAsync(buffer, SocketFlags.None, patience.Token);
                if (Encoding.UTF8.GetString(buffer, 0, length) == "WATCHDOG=1")
                {
                    pings.Add(DateTime.UtcNow);
                }
            }

            // Every second (half of 2 s), not a flood either. The median is what is held to it: on a test machine
            // running dozens of other processes a single ping may come late, which says nothing about the period.
            // The first gap is left out: it spans the host's start, which is allowed to be busy.
            var gaps = pings.Skip(1).Zip(pings.Skip(2), (a, b) => (b - a).TotalSeconds).Order().ToList();
            Assert.InRange(gaps[gaps.Count / 2], 0.75, 1.5);
            Assert.All(gaps, gap => Assert.True(gap >= 0.5, $"a ping came {gap:F2} s after the one before: {string.Join(", ", gaps)}"));
        }
        finally
        {
            kiosk.Kill(entireProcessTree: true);
            await kiosk.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    public void Dispose() => _folder.Dispose();

    private Process Start(string socketPath, int watchdogMicroseconds)
    {
        var dotnet = Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", "dotnet");
        var start = new ProcessStartInfo(File.Exists(dotnet) ? dotnet : "dotnet",
        [
            KioskProcess.KioskDll, $"--Screen:Port={FreePort.Next()}", $"--Broker:Port={FreePort.Next()}",
            "--Hardware:Mode=Simulated", $"--Storage:Database={_folder.File("kiosk.db")}", "--Logging:LogLevel:Default=Warning",
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Production__AllowSimulatedHardware"] = "true";
        start.Environment["Production__AllowEmbeddedBroker"] = "true";
        start.Environment["NOTIFY_SOCKET"] = socketPath;
        start.Environment["WATCHDOG_USEC"] = watchdogMicroseconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
