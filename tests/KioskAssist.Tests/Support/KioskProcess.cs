using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace KioskAssist.Tests.Support;

/// <summary>
/// The real kiosk as its own OS process (<c>dotnet kioskassist.dll</c> from the test output folder, which holds the
/// kiosk's dll, settings, model and answers), so a test can <see cref="Kill"/> it with SIGKILL like a power cut of
/// the process: no shutdown code runs. Start it again on the same database to see what survived.
/// </summary>
/// <remarks>Not thread-safe: one test drives it. The test disposes it; disposing kills a kiosk still running.</remarks>
public sealed class KioskProcess : IAsyncDisposable
{
    private const int KeptOutputLines = 400;
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly HttpClient _client;
    private bool _disposed;

    private KioskProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        _client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri Address { get; }

    public int ProcessId => _process.Id;

    /// <summary>The last lines the kiosk wrote (JSON log lines), for failure messages.</summary>
    public string RecentOutput => string.Join('\n', _output);

    /// <summary>The kiosk dll beside the tests (the test project references firmware-host, so the build copies it).</summary>
    public static string KioskDll => Path.Combine(AppContext.BaseDirectory, "kioskassist.dll");

    /// <summary>Starts the kiosk on a free screen port with <paramref name="settings"/> and waits until /health says ready.</summary>
    /// <param name="launcher">A command the kiosk's command line is appended to, e.g. <c>unshare -rm script</c> to give it
    /// its own mounts; it must end by exec'ing the kiosk, so that <see cref="Kill"/> kills the kiosk.</param>
    public static async Task<KioskProcess> StartAsync(IReadOnlyList<string> settings, CancellationToken cancellationToken, IReadOnlyList<string>? launcher = null)
    {
        // A free port can be taken by a parallel test before the kiosk binds it: then try another.
        for (var attempt = 1; ; attempt++)
        {
            var kiosk = Launch(settings, FreePort.Next(), launcher ?? []);
            string problem;
            try
            {
                problem = await kiosk.WaitUntilReadyAsync(cancellationToken);
            }
            catch
            {
                await kiosk.DisposeAsync();
                throw;
            }

            if (problem.Length == 0)
            {
                return kiosk;
            }

            await kiosk.DisposeAsync();
            if (attempt >= 3 || !problem.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(problem);
            }
        }
    }

    /// <summary>The simulated call button: <c>POST /dev/button/press</c>; throws unless the kiosk answers 204.</summary>
    public async Task PressAsync(CancellationToken cancellationToken)
    {
        using var response = await _client.PostAsync(new Uri("/dev/button/press", UriKind.Relative), null, cancellationToken);
        if (response.StatusCode != System.Net.HttpStatusCode.NoContent)
        {
            throw new InvalidOperationException($"The press got {(int)response.StatusCode}, not 204.");
        }
    }

    /// <summary>A chat line from the shopper (<c>POST /api/help/chat</c>): true when the kiosk answered 200 (it saved the line).</summary>
    public async Task<bool> ChatAsync(string text, CancellationToken cancellationToken)
    {
        using var response = await _client.PostAsJsonAsync(new Uri("/api/help/chat", UriKind.Relative), new { text }, cancellationToken);
        return response.IsSuccessStatusCode;
    }

    public async Task AskAsync(string text, string language, CancellationToken cancellationToken)
    {
        using var response = await _client.PostAsJsonAsync(new Uri("/api/ask", UriKind.Relative), new { text, language }, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary><c>GET /api/state</c>: what the screen shows (camelCase JSON, enums as snake_case strings).</summary>
    public async Task<JsonElement> StateAsync(CancellationToken cancellationToken) =>
        await _client.GetFromJsonAsync<JsonElement>(new Uri("/api/state", UriKind.Relative), cancellationToken);

    /// <summary><c>GET /health</c>.</summary>
    public async Task<JsonElement> HealthAsync(CancellationToken cancellationToken) =>
        await _client.GetFromJsonAsync<JsonElement>(new Uri("/health", UriKind.Relative), cancellationToken);

    /// <summary>The shopper cancels the call on screen (<c>POST /api/help/cancel</c>); returns the new screen state.</summary>
    public async Task<JsonElement> CancelAsync(CancellationToken cancellationToken)
    {
        using var response = await _client.PostAsJsonAsync(new Uri("/api/help/cancel", UriKind.Relative), new { }, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
    }

    /// <summary>SIGKILL (<see cref="Process.Kill()"/> on Unix), then waits until the process is gone. Nothing of the kiosk's runs after it.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.WaitForExit();
    }

    private static KioskProcess Launch(IReadOnlyList<string> settings, int port, IReadOnlyList<string> launcher)
    {
        string[] command = [.. launcher, DotnetHost(), KioskDll, $"--Screen:Port={port}", .. settings];
        var start = new ProcessStartInfo(command[0], command[1..])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        // The kiosk decides its environment from these; a test runner's Development must not leak into the appliance.
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Production__AllowSimulatedHardware"] = "true"; // tests press the simulated button
        start.Environment["Production__AllowEmbeddedBroker"] = "true";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start the kiosk.");
        return new KioskProcess(process, new Uri($"http://127.0.0.1:{port}"));
    }

    /// <summary>The <c>dotnet</c> of the runtime the tests run on, so the kiosk runs on the same one.</summary>
    private static string DotnetHost()
    {
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var host = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return File.Exists(host) ? host : "dotnet";
    }

    /// <summary>Empty when ready; otherwise why the kiosk exited, with its last output.</summary>
    private async Task<string> WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + StartPatience;
        while (true)
        {
            if (_process.HasExited)
            {
                _process.WaitForExit(); // drain the output
                return $"The kiosk exited with code {_process.ExitCode} before it was ready:\n{RecentOutput}";
            }

            try
            {
                var health = await HealthAsync(cancellationToken);
                if (health.GetProperty("status").GetString() == "ready")
                {
                    return string.Empty;
                }
            }
            catch (HttpRequestException e) when (e.InnerException is SocketException or IOException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The kiosk was not ready within {StartPatience.TotalSeconds} s:\n{RecentOutput}");
            }

            await Task.Delay(25, cancellationToken);
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > KeptOutputLines)
        {
            _output.TryDequeue(out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        _client.Dispose();
    }
}
