using KioskAssist.FirmwareHost.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace KioskAssist.Tests.Support;

/// <summary>
/// The real kiosk host on a free loopback port, with the shipped model and answers, a simulated button, its own
/// SQLite file, and — unless a broker is given — its embedded broker on a free port. Dispose to stop it.
/// </summary>
public sealed class KioskServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TempDirectory? _ownData;

    private KioskServer(WebApplication app, Uri address, TempDirectory? ownData)
    {
        _app = app;
        Address = address;
        _ownData = ownData;
    }

    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    public T Get<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    public static Task<KioskServer> StartAsync(params string[] settings) => StartAsync(settings, dataDirectory: null);

    /// <param name="dataDirectory">Where the kiosk keeps its SQLite file; pass the same one to "restart" a kiosk.</param>
    public static async Task<KioskServer> StartAsync(IEnumerable<string> settings, string? dataDirectory, Action<IServiceCollection>? replaceServices = null)
    {
        var ownData = dataDirectory is null ? new TempDirectory() : null;
        string[] args =
        [
            "--Screen:Port=0",
            "--Logging:LogLevel:Default=Warning",
            "--Hardware:Mode=Simulated",
            "--Production:AllowSimulatedHardware=true", // tests run as Production with a simulated button
            "--Production:AllowEmbeddedBroker=true",
            $"--Broker:Port={FreePort.Next()}",
            $"--Storage:Database={Path.Combine(dataDirectory ?? ownData!.Path, "kiosk.db")}",
            .. settings,
        ];
        var app = KioskApplication.Create(args, replaceServices);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new KioskServer(app, new Uri(app.Urls.Single()), ownData);
    }

    /// <summary>Settings that point the kiosk at a test broker instead of its embedded one.</summary>
    public static string[] UsingBroker(MosquittoBroker broker, string site = "test-site", string kiosk = "kiosk-1") =>
    [
        $"--Broker:Host={broker.Host}",
        $"--Broker:Port={broker.Port}",
        "--Broker:ReconnectMinSeconds=0.1",
        "--Broker:ReconnectMaxSeconds=1",
        $"--Kiosk:Site={site}",
        $"--Kiosk:Id={kiosk}",
    ];

    public HttpClient CreateClient() => new() { BaseAddress = Address };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _ownData?.Dispose();
    }
}
