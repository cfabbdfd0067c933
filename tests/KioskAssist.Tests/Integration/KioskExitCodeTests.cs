using KioskAssist.FirmwareHost.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KioskAssist.Tests.Integration;

/// <summary>
/// The exit code systemd sees (<c>Restart=on-failure</c>): a background loop that fails stops the host quietly, and
/// that must still read as a failure, or systemd would leave the kiosk down.
/// </summary>
[Trait("Category", "Integration")]
public sealed class KioskExitCodeTests : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task A_failed_background_loop_exits_1()
    {
        var exit = await RunAsync(services => services.AddHostedService<FailingLoop>());

        Assert.Equal(1, exit);
    }

    [Fact]
    public async Task An_ordinary_stop_exits_0()
    {
        var exit = await RunAsync(services => services.AddHostedService<StoppingLoop>());

        Assert.Equal(0, exit);
    }

    public void Dispose() => _data.Dispose();

    private Task<int> RunAsync(Action<IServiceCollection> addLoop) =>
        KioskApplication.RunAsync(
            [
                "--Screen:Port=0", "--Logging:LogLevel:Default=None", "--Hardware:Mode=Simulated",
                "--Production:AllowEmbeddedBroker=true", "--Production:AllowSimulatedHardware=true", // the guard has its own tests
                $"--Broker:Port={FreePort.Next()}", $"--Storage:Database={_data.File("kiosk.db")}",
            ],
            addLoop).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

    private sealed class FailingLoop : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await Task.Delay(200, stoppingToken);
            throw new InvalidOperationException("a loop failed");
        }
    }

    private sealed class StoppingLoop(IHostApplicationLifetime lifetime) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await Task.Delay(200, stoppingToken);
            lifetime.StopApplication();
        }
    }
}
