using System.Device.Gpio;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using KioskAssist.FirmwareHost.Broker;
using KioskAssist.FirmwareHost.Hosting;
using KioskAssist.Protocol.Messages;
using KioskAssist.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KioskAssist.Bench;

/// <summary>
/// One kiosk, in-process, in Gpio mode over <see cref="FakeGpioDriver"/>, connected to Mosquitto on loopback. Each
/// iteration: press (falling edge on BCM 17) → the desk peer receives the request; the desk claims → the page's
/// event stream shows the agent's name; the shopper cancels and the desk sees the request cleared.
/// </summary>
public sealed class LatencyBenchmark(MosquittoBroker broker, TextWriter output)
{
    private const int ButtonPin = 17;
    private const string Site = "bench";
    private const string KioskId = "k1";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly AgentRef Agent = new("ana", "Ana");

    public async Task<BenchResult> RunAsync(int debounceMilliseconds, int presses, int warmup)
    {
        var driver = new FakeGpioDriver();
        var data = Path.Combine(Path.GetTempPath(), "kioskassist-bench", Guid.NewGuid().ToString("N"));
        string[] args =
        [
            "--Screen:Port=0",
            "--Logging:LogLevel:Default=Warning",
            "--Hardware:Mode=Gpio",
            $"--Hardware:DebounceMilliseconds={debounceMilliseconds}",
            $"--Broker:Host={broker.Host}",
            $"--Broker:Port={broker.Port}",
            $"--Storage:Database={Path.Combine(data, "kiosk.db")}",
            $"--Kiosk:Site={Site}",
            $"--Kiosk:Id={KioskId}",
        ];
        var app = KioskApplication.Create(args, services =>
        {
            services.RemoveAll<GpioController>();
            services.AddSingleton(new GpioController(driver));
        });
        await app.StartAsync();
        try
        {
            var address = new Uri(app.Urls.Single());
            await app.Services.GetRequiredService<KioskBrokerLink>().WaitUntilUpAsync(CancellationToken.None).WaitAsync(Patience);
            await using var desk = await DeskPeer.ConnectAsync(broker.Port);
            await using var screen = await ScreenEvents.OpenAsync(address);
            using var http = new HttpClient { BaseAddress = address };
            var result = new BenchResult(debounceMilliseconds, new Latencies(), new Latencies(), new Latencies());
            for (var i = 0; i < warmup + presses; i++)
            {
                var arrival = desk.NextRequestAsync();
                var edge = Stopwatch.GetTimestamp();
                driver.Drive(ButtonPin, PinValue.Low); // pressed: pulled to ground; returns after the kiosk handled the edge
                var saved = Stopwatch.GetTimestamp();
                var (requestId, arrived) = await Within(arrival, $"press {i + 1}: the desk got no request (debounce {debounceMilliseconds} ms)");
                driver.Drive(ButtonPin, PinValue.High);

                var shown = screen.WhenAsync(state => ShowsAgent(state, requestId));
                var claimed = Stopwatch.GetTimestamp();
                if (!await desk.ClaimAsync(Site, KioskId, requestId, Agent))
                {
                    throw new InvalidOperationException($"press {i + 1}: the broker refused the claim");
                }

                var shownAt = await Within(shown, $"press {i + 1}: the screen never showed the agent");

                var cleared = desk.ClearedAsync(requestId);
                using (var cancel = await http.PostAsJsonAsync(new Uri("/api/help/cancel", UriKind.Relative), new { }))
                {
                    cancel.EnsureSuccessStatusCode();
                }

                await Within(cleared, $"press {i + 1}: the cancelled request was never cleared");
                await Task.Delay(debounceMilliseconds + 20); // the next press is a new press, not bounce
                if (i >= warmup)
                {
                    result.EdgeToDesk.Add(edge, arrived);
                    result.EdgeToSaved.Add(edge, saved);
                    result.ClaimToScreen.Add(claimed, shownAt);
                }
            }

            return result;
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            TryDelete(data);
        }
    }

    private static bool ShowsAgent(JsonElement state, string requestId) =>
        state.TryGetProperty("help", out var help)
        && help.ValueKind == JsonValueKind.Object
        && help.GetProperty("requestId").GetString() == requestId
        && help.GetProperty("agentName").GetString() == Agent.Name;

    private async Task<T> Within<T>(Task<T> task, string failure)
    {
        await Within((Task)task, failure);
        return await task;
    }

    private async Task Within(Task task, string failure)
    {
        try
        {
            await task.WaitAsync(Patience);
        }
        catch (TimeoutException)
        {
            await output.WriteLineAsync(failure);
            throw new TimeoutException(failure);
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
