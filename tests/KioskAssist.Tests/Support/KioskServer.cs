using KioskAssist.FirmwareHost.Hosting;
using Microsoft.AspNetCore.Builder;

namespace KioskAssist.Tests.Support;

/// <summary>The real kiosk host on a free loopback port, with the shipped model and answers. Dispose to stop it.</summary>
public sealed class KioskServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KioskServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<KioskServer> StartAsync(params string[] settings)
    {
        string[] args = ["--Screen:Port=0", "--Logging:LogLevel:Default=Warning", .. settings];
        var app = KioskApplication.Create(args);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new KioskServer(app, new Uri(app.Urls.Single()));
    }

    public HttpClient CreateClient() => new() { BaseAddress = Address };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
