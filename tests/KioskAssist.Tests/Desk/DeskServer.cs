using System.Net;
using KioskAssist.AgentDesk.Accounts;
using KioskAssist.AgentDesk.Hosting;
using KioskAssist.AgentDesk.Live;
using KioskAssist.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace KioskAssist.Tests.Desk;

/// <summary>The real agent desk on a free loopback port, joined to a test broker, with its own data folder. Dispose to stop it.</summary>
public sealed class DeskServer : IAsyncDisposable
{
    public const string Password = "correct-horse-battery";

    private readonly WebApplication _app;
    private readonly TempDirectory _data;

    private DeskServer(WebApplication app, TempDirectory data, string deskId)
    {
        _app = app;
        _data = data;
        DeskId = deskId;
        Address = new Uri(app.Urls.Single());
    }

    public Uri Address { get; }

    public string DeskId { get; }

    public string DataDirectory => _data.Path;

    public T Get<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    public static Task<DeskServer> StartAsync(MosquittoBroker broker, params string[] settings) =>
        StartWithBrokerAsync([$"--Broker:Host={broker.Host}", $"--Broker:Port={broker.Port}"], settings);

    /// <summary>Against any broker: <paramref name="brokerSettings"/> say how to reach and log in to it (a broker configured by kafleet: TLS, the desk's login).</summary>
    public static async Task<DeskServer> StartWithBrokerAsync(string[] brokerSettings, params string[] settings)
    {
        ArgumentNullException.ThrowIfNull(brokerSettings);
        var data = new TempDirectory();
        var deskId = $"desk-{Guid.NewGuid():N}"[..20];
        string[] args =
        [
            // Development: the cookie follows the request's scheme (plain http in tests); a test passes --environment=Production to see the real thing.
            "--environment=Development",
            "--Desk:Port=0",
            $"--Desk:DataDirectory={data.Path}",
            $"--Desk:Id={deskId}",
            .. brokerSettings,
            "--Broker:ReconnectMinSeconds=0.1",
            "--Logging:LogLevel:Default=Warning",
            .. settings,
        ];
        var app = DeskApplication.Create(args);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var desk = new DeskServer(app, data, deskId);
        await Eventually.TrueAsync(() => desk.Get<DeskBrokerLink>().IsConnected, "the desk connects to the broker");
        return desk;
    }

    public AgentAccount AddAgent(string id, string name, DeskRole role = DeskRole.Agent, string? site = null)
    {
        Assert.Equal(AddAgentResult.Added, Get<AgentStore>().Add(id, name, Password, role: role, site: site));
        return new AgentAccount(id, name, role, site);
    }

    /// <summary>A client that keeps cookies and says it comes from the desk's own page, as the browser does.</summary>
    public HttpClient CreateClient()
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = Address };
        client.DefaultRequestHeaders.Add("Origin", Address.GetLeftPart(UriPartial.Authority));
        return client;
    }

    public async Task<HttpClient> SignedInClientAsync(string agentId)
    {
        var client = CreateClient();
        using var response = await client.PostAsync("/account/signin", Json(new { id = agentId, password = Password }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return client;
    }

    public static StringContent Json(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _data.Dispose();
    }
}
