using System.Net;
using KioskAssist.AgentDesk.Hosting;
using KioskAssist.Tests.Support;
using Microsoft.Extensions.Options;

namespace KioskAssist.Tests.Desk;

/// <summary>
/// Outside Development the desk sits behind a TLS proxy: Secure cookies always, HSTS on https, and the proxy's
/// <c>X-Forwarded-Proto</c>/<c>X-Forwarded-For</c> believed only from the proxies configured in <c>Desk:KnownProxies</c>.
/// </summary>
[Trait("Category", "Desk")]
public sealed class DeskProxySecurityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task In_production_the_cookie_is_secure_and_https_from_a_known_proxy_gets_hsts()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var desk = await DeskServer.StartAsync(broker, "--environment=Production", "--Desk:KnownProxies:0=127.0.0.1");
        desk.AddAgent("ana", "Ana");
        using var client = RawClient(desk);

        using var viaTls = await SignInAsync(client, forwardedProto: "https");
        Assert.Equal(HttpStatusCode.OK, viaTls.StatusCode);
        var cookie = Assert.Single(viaTls.Headers.GetValues("Set-Cookie"), c => c.StartsWith("ka-desk=", StringComparison.Ordinal));
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("max-age=31536000", Assert.Single(viaTls.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);

        // Plain http straight to the desk: no HSTS (browsers ignore it there), and the cookie is Secure all the same.
        using var plain = await SignInAsync(client, forwardedProto: null);
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
        Assert.Contains("; secure", Assert.Single(plain.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Forwarded_headers_from_an_address_that_is_not_a_known_proxy_are_ignored()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var desk = await DeskServer.StartAsync(broker, "--environment=Production", "--Desk:KnownProxies:0=192.0.2.1");
        desk.AddAgent("ana", "Ana");
        using var client = RawClient(desk);

        using var forged = await SignInAsync(client, forwardedProto: "https");
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.False(forged.Headers.Contains("Strict-Transport-Security"), "X-Forwarded-Proto from 127.0.0.1 must not count: it is not a known proxy");

        // Nor does X-Forwarded-For: every guess counts against the real address, whatever address each one claims.
        for (var i = 0; i < 5; i++)
        {
            using var guess = await SignInAsync(client, "https", password: $"guess-{i}-wrong", forwardedFor: $"198.51.100.{i + 1}");
            Assert.Equal(HttpStatusCode.Unauthorized, guess.StatusCode);
        }

        using var locked = await SignInAsync(client, "https", forwardedFor: "198.51.100.200");
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
    }

    [Fact]
    public async Task In_development_the_cookie_follows_the_scheme_and_there_is_no_hsts()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var desk = await DeskServer.StartAsync(broker);
        desk.AddAgent("ana", "Ana");
        using var client = RawClient(desk);

        using var response = await SignInAsync(client, forwardedProto: null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("; secure", Assert.Single(response.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Theory]
    [InlineData("--Desk:KnownProxies:0=nginx.local", "Desk:KnownProxies:0")]
    [InlineData("--Desk:KnownNetworks:0=10.0.0.0/99", "Desk:KnownNetworks:0")]
    public async Task A_bad_proxy_setting_stops_the_desk_naming_the_key(string setting, string key)
    {
        using var data = new TempDirectory();
        string[] args = ["--Desk:Port=0", $"--Desk:DataDirectory={data.Path}", "--Logging:LogLevel:Default=None", setting];

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var app = DeskApplication.Create(args);
            await app.StartAsync(Ct);
        });

        Assert.Contains(failure.Failures, f => f.StartsWith(key, StringComparison.Ordinal));
    }

    private static HttpClient RawClient(DeskServer desk)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = desk.Address };
        client.DefaultRequestHeaders.Add("Origin", desk.Address.GetLeftPart(UriPartial.Authority));
        return client;
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string? forwardedProto, string password = DeskServer.Password, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/signin") { Content = DeskServer.Json(new { id = "ana", password }) };
        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        }

        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return await client.SendAsync(request, Ct);
    }
}
