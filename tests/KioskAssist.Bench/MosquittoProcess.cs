using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace KioskAssist.Bench;

/// <summary>
/// Debian's Mosquitto on a free loopback port, configured like the tests' broker (persistence on, errors only),
/// in a temp folder deleted on dispose. A trimmed copy of the tests' <c>MosquittoBroker</c>: the bench cannot
/// reference the test project.
/// </summary>
public sealed class MosquittoProcess : IAsyncDisposable
{
    public const string Executable = "/usr/sbin/mosquitto";

    private readonly string _directory;
    private readonly Process _process;

    private MosquittoProcess(string directory, Process process, int port) => (_directory, _process, Port) = (directory, process, port);

    public int Port { get; }

    public static string Host => "127.0.0.1";

    /// <param name="tcpNoDelay">Mosquitto's <c>set_tcp_nodelay</c> (off by default): send small packets without waiting (no Nagle).</param>
    public static async Task<MosquittoProcess> StartAsync(bool tcpNoDelay)
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing: run tests/run.sh, which installs Debian's mosquitto.");
        }

        var port = FreePort();
        var directory = Path.Combine(Path.GetTempPath(), "kioskassist-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var config = Path.Combine(directory, "mosquitto.conf");
        await File.WriteAllTextAsync(config, $"""
            listener {port} 127.0.0.1
            user {Environment.UserName}
            allow_anonymous true
            persistence true
            persistence_location {directory}/
            autosave_interval 1
            max_queued_messages 10000
            log_dest stderr
            log_type error
            log_type warning
            set_tcp_nodelay {(tcpNoDelay ? "true" : "false")}
            """);
        var process = Process.Start(new ProcessStartInfo(Executable, ["-c", config])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("mosquitto did not start");
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var broker = new MosquittoProcess(directory, process, port);
        await broker.WaitUntilListeningAsync();
        return broker;
    }

    private async Task WaitUntilListeningAsync()
    {
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

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail the benchmark.
        }
    }
}
