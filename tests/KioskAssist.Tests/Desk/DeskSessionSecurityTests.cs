using System.Net;
using KioskAssist.AgentDesk.Accounts;
using KioskAssist.Tests.BadInput;
using KioskAssist.Tests.Support;
using Microsoft.Extensions.Logging;

namespace KioskAssist.Tests.Desk;

/// <summary>
/// The attacks on desk sessions, each re-run against the real desk: the first account through a proxy, a copied
/// cookie after sign-out, a removed agent's cookie, the other sessions after a password change or "sign out everywhere".
/// </summary>
[Trait("Category", "Desk")]
public sealed class DeskSessionSecurityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_first_account_needs_the_one_time_setup_token_wherever_the_request_comes_from()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var desk = await DeskServer.StartAsync(broker, "--Logging:LogLevel:Default=Debug");
        var logs = new CapturedLogs();
        desk.Get<ILoggerFactory>().AddProvider(logs);
        using var client = desk.CreateClient();
        var tokenFile = Path.Combine(desk.DataDirectory, SetupToken.FileName);
        var token = (await File.ReadAllTextAsync(tokenFile, Ct)).Trim();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(tokenFile));
        Assert.Contains("\"needsSetup\":true", await client.GetStringAsync("/account/status", Ct), StringComparison.Ordinal);

        // As nginx's plain proxy_pass forwards it: from loopback, no forwarding headers, no token.
        var eve = new { id = "eve", name = "Eve", password = "long-enough-pass" };
        using (var noToken = await client.PostAsync("/account/setup", DeskServer.Json(eve), Ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, noToken.StatusCode);
        }

        using (var wrong = await client.PostAsync("/account/setup", DeskServer.Json(new { eve.id, eve.name, eve.password, token = token[..^1] + "x" }), Ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        }

        Assert.Equal(0, desk.Get<AgentStore>().Count());

        using var created = await client.PostAsync("/account/setup", DeskServer.Json(new { token, id = "ana", name = "Ana", password = "long-enough-pass" }), Ct);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains("\"role\":\"admin\"", await client.GetStringAsync("/api/me", Ct), StringComparison.Ordinal);
        Assert.False(File.Exists(tokenFile));

        // The token is dead, not merely beaten by the existing account: with the store empty again it still fails.
        Assert.True(desk.Get<AgentStore>().Remove("ana"));
        using var other = desk.CreateClient();
        using var again = await other.PostAsync("/account/setup", DeskServer.Json(new { token, id = "eve", name = "Eve", password = "long-enough-pass" }), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
        Assert.Equal(0, desk.Get<AgentStore>().Count());
        Assert.NotEqual(token, (await File.ReadAllTextAsync(tokenFile, Ct)).Trim()); // a fresh one went to the console and file
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains(token, StringComparison.Ordinal));
        Assert.Contains(logs.Entries, e => e.EventId.Id == 14); // the refusals were logged, without the token
    }

    [Fact]
    public async Task A_copied_cookie_stops_working_when_its_session_signs_out()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var desk = await DeskServer.StartAsync(broker);
        desk.AddAgent("ana", "Ana");
        var jar = new CookieContainer();
        using var ana = Client(desk, new HttpClientHandler { CookieContainer = jar });
        Assert.Equal(HttpStatusCode.OK, (await ana.PostAsync("/account/signin", DeskServer.Json(new { id = "ana", password = DeskServer.Password }), Ct)).StatusCode);
        using var thief = Client(desk, new HttpClientHandler { UseCookies = false });
        thief.DefaultRequestHeaders.Add("Cookie", jar.GetCookieHeader(desk.Address));
        using var laptop = await desk.SignedInClientAsync("ana"); // another session of hers, untouched by this sign-out

        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/api/me", Ct)).StatusCode);
        using (var signedOut = await ana.PostAsync("/account/signout", DeskServer.Json(new { }), Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, signedOut.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await thief.GetAsync("/api/me", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/api/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_removed_agents_cookie_is_refused_at_once_and_their_open_event_stream_is_cut()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var desk = await DeskServer.StartAsync(broker);
        desk.AddAgent("root", "Root", DeskRole.Admin);
        desk.AddAgent("bob", "Bob");
        using var admin = await desk.SignedInClientAsync("root");
        using var bob = await desk.SignedInClientAsync("bob");
        using var events = await bob.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead, Ct);
        Assert.Equal(HttpStatusCode.OK, events.StatusCode);
        var stream = await events.Content.ReadAsStreamAsync(Ct);
        Assert.True(await stream.ReadAsync(new byte[1024], Ct) > 0); // the first view arrived: the stream is live

        using (var removed = await admin.DeleteAsync("/api/admin/agents/bob", Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await bob.GetAsync("/api/me", Ct)).StatusCode);
        Assert.True(await StreamEndsAsync(stream, TimeSpan.FromSeconds(10)), "the removed agent's event stream ends");
    }

    [Fact]
    public async Task A_password_change_ends_the_other_sessions_and_keeps_this_one()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var desk = await DeskServer.StartAsync(broker);
        desk.AddAgent("ana", "Ana");
        using var phone = await desk.SignedInClientAsync("ana");
        using var stolen = await desk.SignedInClientAsync("ana");

        using (var wrong = await phone.PostAsync("/account/password", DeskServer.Json(new { currentPassword = "not-it-at-all", newPassword = "a-new-long-passphrase" }), Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await stolen.GetAsync("/api/me", Ct)).StatusCode);
        using (var changed = await phone.PostAsync("/account/password", DeskServer.Json(new { currentPassword = DeskServer.Password, newPassword = "a-new-long-passphrase" }), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await stolen.GetAsync("/api/me", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/api/me", Ct)).StatusCode);
        using var fresh = desk.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await fresh.PostAsync("/account/signin", DeskServer.Json(new { id = "ana", password = DeskServer.Password }), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fresh.PostAsync("/account/signin", DeskServer.Json(new { id = "ana", password = "a-new-long-passphrase" }), Ct)).StatusCode);
    }

    [Fact]
    public async Task Sign_out_everywhere_ends_every_session_of_the_agent_and_no_one_elses()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var desk = await DeskServer.StartAsync(broker);
        desk.AddAgent("ana", "Ana");
        desk.AddAgent("budi", "Budi");
        using var phone = await desk.SignedInClientAsync("ana");
        using var laptop = await desk.SignedInClientAsync("ana");
        using var budi = await desk.SignedInClientAsync("budi");

        using (var everywhere = await phone.PostAsync("/account/signout-everywhere", DeskServer.Json(new { }), Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, everywhere.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await laptop.GetAsync("/api/me", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync("/api/me", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await budi.GetAsync("/api/me", Ct)).StatusCode);
        Assert.Equal(0, desk.Get<SessionStore>().Count("ana"));
    }

    private static HttpClient Client(DeskServer desk, HttpClientHandler handler)
    {
        var client = new HttpClient(handler) { BaseAddress = desk.Address };
        client.DefaultRequestHeaders.Add("Origin", desk.Address.GetLeftPart(UriPartial.Authority));
        return client;
    }

    private static async Task<bool> StreamEndsAsync(Stream stream, TimeSpan within)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(within);
        var buffer = new byte[4096];
        try
        {
            while (await stream.ReadAsync(buffer, timeout.Token) > 0)
            {
            }

            return true;
        }
        catch (HttpIOException)
        {
            return true;
        }
        catch (IOException)
        {
            return true;
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
