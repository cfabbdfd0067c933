using System.Net;
using KioskAssist.AgentDesk.Accounts;
using KioskAssist.Tests.BadInput;
using Microsoft.Extensions.Logging;

namespace KioskAssist.Tests.Desk;

/// <summary>
/// Sign-in attacks against the real desk behind a proxy on the same machine (loopback, trusted by default): each
/// client is told apart by the <c>X-Forwarded-For</c> the proxy adds.
/// </summary>
[Trait("Category", "Desk")]
public sealed class DeskSignInSecurityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_strangers_wrong_passwords_do_not_lock_the_agent_out_from_her_own_address()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var desk = await DeskServer.StartAsync(broker);
        desk.AddAgent("ana", "Ana");
        using var client = desk.CreateClient();

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            answers.Add(await SignInAsync(client, "203.0.113.9", "ana", $"guess-number-{i}"));
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, SignInThrottle.MaxPerAccountAndAddress), answers.Take(SignInThrottle.MaxPerAccountAndAddress));
        Assert.All(answers.Skip(SignInThrottle.MaxPerAccountAndAddress), a => Assert.Equal(HttpStatusCode.TooManyRequests, a));
        // The stranger is stopped even with the right password ...
        Assert.Equal(HttpStatusCode.TooManyRequests, await SignInAsync(client, "203.0.113.9", "ana", DeskServer.Password));
        // ... and Ana, from her own address, is not.
        Assert.Equal(HttpStatusCode.OK, await SignInAsync(client, "198.51.100.7", "ana", DeskServer.Password));
    }

    [Fact]
    public async Task Spraying_forty_ids_from_one_address_is_throttled()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var desk = await DeskServer.StartAsync(broker);
        desk.AddAgent("ana", "Ana");
        using var client = desk.CreateClient();

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            answers.Add(await SignInAsync(client, "203.0.113.10", $"agent-{i}", "Password123"));
        }

        Assert.Equal(SignInThrottle.MaxPerAddress, answers.Count(a => a == HttpStatusCode.Unauthorized));
        Assert.Equal(40 - SignInThrottle.MaxPerAddress, answers.Count(a => a == HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.TooManyRequests, await SignInAsync(client, "203.0.113.10", "ana", DeskServer.Password));
        Assert.Equal(HttpStatusCode.OK, await SignInAsync(client, "198.51.100.7", "ana", DeskServer.Password));
    }

    [Fact]
    public async Task What_is_typed_into_the_id_field_is_logged_only_when_it_is_a_known_account()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var desk = await DeskServer.StartAsync(broker, "--Logging:LogLevel:Default=Debug");
        var logs = new CapturedLogs();
        desk.Get<ILoggerFactory>().AddProvider(logs);
        desk.AddAgent("ana", "Ana");
        using var client = desk.CreateClient();

        // Ana types her password into the id field (once shaped like an id, once not), then gets it right.
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync(client, "198.51.100.7", "Kucing_Oren-2024", "Kucing_Oren-2024"));
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync(client, "198.51.100.7", "kucing oren 2024!", "x"));
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync(client, "198.51.100.7", "ana", "wrong-password"));
        for (var i = 0; i <= SignInThrottle.MaxPerAddress; i++)
        {
            await SignInAsync(client, "203.0.113.11", "Kucing_Oren-2024", "x"); // and throttled, still not logged
        }

        Assert.Equal(HttpStatusCode.OK, await SignInAsync(client, "198.51.100.7", "ana", DeskServer.Password));

        var all = string.Join("\n", logs.Entries.Select(e => e.Message));
        Assert.DoesNotContain("Kucing", all, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("wrong-password", all, StringComparison.Ordinal);
        Assert.Contains(logs.Entries, e => e.EventId.Id == 11 && e.Message.Contains("ana", StringComparison.Ordinal)); // known ids are logged
        Assert.Contains(logs.Entries, e => e.EventId.Id == 11 && e.Message.Contains("(unknown id)", StringComparison.Ordinal));
        Assert.Contains(logs.Entries, e => e.EventId.Id == 121); // the throttle spoke, without the id
    }

    private static async Task<HttpStatusCode> SignInAsync(HttpClient client, string from, string id, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/signin") { Content = DeskServer.Json(new { id, password }) };
        request.Headers.Add("X-Forwarded-For", from);
        using var response = await client.SendAsync(request, Ct);
        return response.StatusCode;
    }
}
