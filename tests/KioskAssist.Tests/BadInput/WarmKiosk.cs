using System.Net.Http.Json;
using KioskAssist.Tests.Support;

namespace KioskAssist.Tests.BadInput;

/// <summary>
/// One kiosk host for a test class, started and asked once before the first test, so timings measure answering
/// rather than the host's start or the first request's JIT.
/// </summary>
public sealed class WarmKiosk : IAsyncLifetime
{
    public KioskServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Server = await KioskServer.StartAsync();
        using var client = Server.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.PostAsJsonAsync("/api/ask", new { text = "where are the toilets", language = "en" });
            response.EnsureSuccessStatusCode();
            using var refused = await client.PostAsJsonAsync("/api/ask", new { text = "", language = "en" });
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}
