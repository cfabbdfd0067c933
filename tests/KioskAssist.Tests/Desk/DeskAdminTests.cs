using System.Net;
using System.Text.Json;
using KioskAssist.AgentDesk.Accounts;

namespace KioskAssist.Tests.Desk;

/// <summary>Roles and the admin API: admins manage accounts, agents and staff get 403, staff cannot act on requests.</summary>
[Trait("Category", "Desk")]
public sealed class DeskAdminTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_admin_adds_and_removes_accounts_and_an_agent_gets_403()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var desk = await DeskServer.StartAsync(broker);
        desk.AddAgent("root", "Root", DeskRole.Admin);
        desk.AddAgent("ana", "Ana");
        using var admin = await desk.SignedInClientAsync("root");
        using var ana = await desk.SignedInClientAsync("ana");

        var dewi = new { id = "dewi", name = "Dewi", password = "long-enough-pass", role = "staff", site = "jkt-01" };
        Assert.Equal(HttpStatusCode.Forbidden, (await ana.GetAsync("/api/admin/agents", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ana.PostAsync("/api/admin/agents", DeskServer.Json(dewi), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ana.DeleteAsync("/api/admin/agents/root", Ct)).StatusCode);
        Assert.Null(desk.Get<AgentStore>().Find("dewi"));

        using (var created = await admin.PostAsync("/api/admin/agents", DeskServer.Json(dewi), Ct))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal("/api/admin/agents/dewi", created.Headers.Location?.OriginalString);
            using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Ct));
            Assert.Equal("staff", body.RootElement.GetProperty("role").GetString());
            Assert.Equal("jkt-01", body.RootElement.GetProperty("site").GetString());
        }

        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync("/api/admin/agents", DeskServer.Json(dewi), Ct)).StatusCode);
        using (var badRole = await admin.PostAsync("/api/admin/agents", DeskServer.Json(new { id = "x1", name = "X", password = "long-enough-pass", role = "boss" }), Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badRole.StatusCode);
            Assert.Equal("application/problem+json", badRole.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/api/admin/agents", DeskServer.Json(new { id = "x2", name = "X", password = "long-enough-pass", role = "staff" }), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/api/admin/agents", DeskServer.Json(new { id = "x3", name = "X", password = "short", role = "agent" }), Ct)).StatusCode);

        using (var list = JsonDocument.Parse(await admin.GetStringAsync("/api/admin/agents", Ct)))
        {
            Assert.Equal(["ana", "dewi", "root"], list.RootElement.EnumerateArray().Select(a => a.GetProperty("id").GetString()!));
            var root = list.RootElement.EnumerateArray().Single(a => a.GetProperty("id").GetString() == "root");
            Assert.Equal(["id", "name", "role", "site"], root.EnumerateObject().Select(p => p.Name));
        }

        Assert.Equal(HttpStatusCode.OK, (await ana.GetAsync("/api/me", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/admin/agents/ana", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ana.GetAsync("/api/me", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync("/api/admin/agents/ana", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.DeleteAsync("/api/admin/agents/root", Ct)).StatusCode); // the last admin stays
    }

    [Fact]
    public async Task Admin_changes_must_be_json_from_the_desks_own_page()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var desk = await DeskServer.StartAsync(broker);
        desk.AddAgent("root", "Root", DeskRole.Admin);
        desk.AddAgent("ana", "Ana");
        using var admin = await desk.SignedInClientAsync("root");

        using (var form = await admin.PostAsync("/api/admin/agents", new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = "eve", ["name"] = "Eve", ["password"] = "long-enough-pass", ["role"] = "admin" }), Ct))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        }

        using (var crossSite = new HttpRequestMessage(HttpMethod.Delete, "/api/admin/agents/ana"))
        {
            crossSite.Headers.Add("Sec-Fetch-Site", "cross-site");
            Assert.Equal(HttpStatusCode.Forbidden, (await admin.SendAsync(crossSite, Ct)).StatusCode);
        }

        using (var signOut = await admin.PostAsync("/account/signout", null, Ct))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, signOut.StatusCode); // a body-less POST must still say JSON
        }

        Assert.NotNull(desk.Get<AgentStore>().Find("ana"));
        Assert.Null(desk.Get<AgentStore>().Find("eve"));
    }

    [Fact]
    public async Task Staff_see_who_they_are_but_cannot_claim_or_act_on_requests()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var desk = await DeskServer.StartAsync(broker);
        await using var kiosk = await TestKiosk.StartAsync(broker);
        desk.AddAgent("dewi", "Dewi", DeskRole.Staff, "jkt-01");
        desk.AddAgent("ana", "Ana");
        await kiosk.PublishAsync(kiosk.Request("r1", DateTimeOffset.UtcNow));
        await Support.Eventually.TrueAsync(() => desk.Get<AgentDesk.Live.DeskState>().View().Requests.Count == 1, "the request reaches the desk");
        using var dewi = await desk.SignedInClientAsync("dewi");
        using var ana = await desk.SignedInClientAsync("ana");

        using (var me = JsonDocument.Parse(await dewi.GetStringAsync("/api/me", Ct)))
        {
            Assert.Equal("""{"id":"dewi","name":"Dewi","role":"staff","site":"jkt-01"}""", me.RootElement.GetRawText());
        }

        var url = $"/api/requests/{kiosk.Site}/{kiosk.Kiosk}/r1";
        Assert.Equal(HttpStatusCode.Forbidden, (await dewi.PostAsync($"{url}/claim", DeskServer.Json(new { }), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await dewi.PostAsync($"{url}/chat", DeskServer.Json(new { text = "hello" }), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await ana.PostAsync($"{url}/claim", DeskServer.Json(new { }), Ct)).StatusCode);
    }

    [Fact]
    public async Task The_page_reads_the_rules_and_the_status_before_sign_in()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var desk = await DeskServer.StartAsync(broker);
        using var client = desk.CreateClient();

        using (var rules = JsonDocument.Parse(await client.GetStringAsync("/account/rules", Ct)))
        {
            var root = rules.RootElement;
            Assert.Equal(AccountRules.IdPattern, root.GetProperty("idPattern").GetString());
            Assert.Equal(64, root.GetProperty("idMaxLength").GetInt32());
            Assert.Equal(80, root.GetProperty("nameMaxLength").GetInt32());
            Assert.Equal(8, root.GetProperty("passwordMinLength").GetInt32());
            Assert.Equal(["agent", "staff", "admin"], root.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!));
        }

        Assert.Equal("""{"signedIn":false,"agent":null,"needsSetup":true}""", await client.GetStringAsync("/account/status", Ct));
        desk.AddAgent("ana", "Ana");
        using var ana = await desk.SignedInClientAsync("ana");
        Assert.Equal("""{"signedIn":true,"agent":{"id":"ana","name":"Ana","role":"agent","site":null},"needsSetup":false}""", await ana.GetStringAsync("/account/status", Ct));
    }
}
