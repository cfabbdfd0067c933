using System.Diagnostics;
using System.Net.Sockets;

namespace KioskAssist.Testing;

/// <summary>
/// A real Mosquitto (Debian's <c>mosquitto</c>, installed by tests/run.sh) on a free loopback port, with
/// persistence in a temp folder like a production broker. Can be stopped and restarted on the same port.
/// </summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    public const string Executable = "/usr/sbin/mosquitto";

    private readonly TempDirectory _directory = new();
    private Process? _process;

    private readonly bool _tcpNoDelay;
    private readonly string _extraConfig;

    private MosquittoBroker(int port, bool tcpNoDelay, string extraConfig) => (Port, _tcpNoDelay, _extraConfig) = (port, tcpNoDelay, extraConfig);

    public int Port { get; }

    public string Host => "127.0.0.1";

    /// <summary>The running broker's process id (for its memory and limits under /proc); null while stopped.</summary>
    public int? ProcessId => _process is { HasExited: false } process ? process.Id : null;

    /// <param name="tcpNoDelay">Mosquitto's <c>set_tcp_nodelay</c>: forward small packets at once (as kafleet's configuration does).
    /// Off is Mosquitto's own default, for the latency benchmark's comparison.</param>
    /// <param name="extraConfig">Lines appended to the configuration, e.g. a bridge to another broker, or the fleet simulator's <c>max_connections -1</c>.</param>
    public static async Task<MosquittoBroker> StartAsync(bool tcpNoDelay = true, string extraConfig = "")
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing: run tests/run.sh, which installs Debian's mosquitto.");
        }

        for (var attempt = 1; ; attempt++)
        {
            var broker = new MosquittoBroker(FreePort.Next(), tcpNoDelay, extraConfig);
            try
            {
                await broker.StartProcessAsync();
                return broker;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // Mosquitto exited at once: most likely another process took the port first. Another port, then.
                await broker.DisposeAsync();
            }
        }
    }

    /// <summary>Stops the broker as an operator would (SIGTERM: it saves sessions and queued messages), then starts it again.</summary>
    public async Task RestartAsync(TimeSpan downtime = default)
    {
        await StopAsync();
        if (downtime > TimeSpan.Zero)
        {
            await Task.Delay(downtime);
        }

        await StartProcessAsync();
    }

    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }
        }

        _process?.Dispose();
        _process = null;
    }

    private async Task StartProcessAsync()
    {
        var config = _directory.File("mosquitto.conf");
        await File.WriteAllTextAsync(config, $"""
            listener {Port} 127.0.0.1
            user {Environment.UserName}
            allow_anonymous true
            persistence true
            set_tcp_nodelay {(_tcpNoDelay ? "true" : "false")}
            persistence_location {_directory.Path}/
            autosave_interval 1
            max_queued_messages 10000
            log_dest stderr
            log_type error
            log_type warning
            {_extraConfig}
            """);
        _process = Process.Start(new ProcessStartInfo(Executable, ["-c", config])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("mosquitto did not start");
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(Host, Port);
                return;
            }
            catch (SocketException)
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"mosquitto exited with code {_process.ExitCode}");
                }

                await Task.Delay(50);
            }
        }

        throw new TimeoutException($"mosquitto did not listen on port {Port} within 10 s");
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _directory.Dispose();
    }
}
