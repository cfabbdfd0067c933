using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using KioskAssist.Tests.Support;

namespace KioskAssist.Tests.Provisioning;

/// <summary>A real Mosquitto started on a configuration file kafleet wrote; its log is kept for failure messages. Dispose to stop it.</summary>
public sealed class ConfiguredMosquitto : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private ConfiguredMosquitto(Process process) => _process = process;

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<ConfiguredMosquitto> StartAsync(string configFile, int port)
    {
        if (!File.Exists(MosquittoBroker.Executable))
        {
            throw new InvalidOperationException($"{MosquittoBroker.Executable} is missing: run tests/run.sh, which installs Debian's mosquitto.");
        }

        var process = Process.Start(new ProcessStartInfo(MosquittoBroker.Executable, ["-c", configFile])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("mosquitto did not start");
        var broker = new ConfiguredMosquitto(process);
        process.ErrorDataReceived += (_, e) => broker.Append(e.Data);
        process.OutputDataReceived += (_, e) => broker.Append(e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return broker;
            }
            catch (SocketException)
            {
                if (process.HasExited)
                {
                    await process.WaitForExitAsync();
                    throw new InvalidOperationException($"mosquitto refused the configuration (exit {process.ExitCode}): {broker.Log}");
                }

                await Task.Delay(50);
            }
        }

        broker.Dispose();
        throw new TimeoutException($"mosquitto did not listen on port {port} within 10 s: {broker.Log}");
    }

    /// <summary>SIGHUP: Mosquitto re-reads the ACL, the password file and the CRL, as <c>systemctl reload</c> does.</summary>
    public async Task ReloadAsync()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-HUP", $"{_process.Id}"]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("kill did not start");
        await kill.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }
}
