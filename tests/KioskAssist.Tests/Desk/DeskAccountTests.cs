using System.Net;
using KioskAssist.AgentDesk.Accounts;
using KioskAssist.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;

namespace KioskAssist.Tests.Desk;

/// <summary>Agent accounts in a real SQLite file: hashed passwords, private files, the CLI verb, the first account.</summary>
[Trait("Category", "Integration")]
public sealed class DeskAccountTests
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Passwords_are_stored_only_as_hashes_in_a_private_file()
    {
        using var data = new TempDirectory();
        var folder = Path.Combine(data.Path, "desk-data");
        var store = new AgentStore(folder);

        Assert.Equal(AddAgentResult.Added, store.Add("ana", "Ana", "correct-horse-battery"));

        var file = Path.Combine(folder, AgentStore.FileName);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.DoesNotContain("correct-horse-battery"u8.ToArray(), [File.ReadAllBytes(file)], new ContainsBytes());

        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT password_hash FROM agents WHERE id = 'ana'";
        var hash = (string)command.ExecuteScalar()!;
        Assert.DoesNotContain("correct-horse-battery", hash, StringComparison.Ordinal);
        Assert.Equal(PasswordVerificationResult.Success, new PasswordHasher<AgentAccount>().VerifyHashedPassword(new AgentAccount("ana", "Ana"), hash, "correct-horse-battery"));

        Assert.Equal(new AgentAccount("ana", "Ana"), store.Verify("ana", "correct-horse-battery"));
        Assert.Null(store.Verify("ana", "correct-horse-batterY"));
        Assert.Null(store.Verify("nobody", "correct-horse-battery"));
        Assert.Equal(AddAgentResult.IdTaken, store.Add("ana", "Another Ana", "another-password"));
    }

    [Fact]
    public void The_add_agent_verb_reads_the_password_from_standard_input()
    {
        using var data = new TempDirectory();
        using var output = new StringWriter();
        using var error = new StringWriter();

        int Run(string password, params string[] args) =>
            DeskCli.Create(new StringReader(password + "\n"), output, error)
                .Parse(["add-agent", .. args, "--data-directory", data.Path]).Invoke();

        Assert.Equal(0, Run("s3cret-passphrase", "--id", "ana", "--name", "Ana"));
        Assert.Contains("Added agent 'ana' (Ana)", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, Run("s3cret-passphrase", "--id", "ana", "--name", "Ana"));
        Assert.Equal(2, Run("short", "--id", "budi", "--name", "Budi"));
        Assert.Equal(2, Run("long-enough-pass", "--id", "bad id!", "--name", "Budi"));

        Assert.NotNull(new AgentStore(data.Path).Verify("ana", "s3cret-passphrase"));
        Assert.DoesNotContain("s3cret", output.ToString() + error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_first_account_can_be_created_on_the_desks_machine_only_while_none_exists()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var desk = await DeskServer.StartAsync(broker);
        using var client = desk.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        var status = await client.GetStringAsync("/account/status", ct);
        Assert.Contains("\"needsSetup\":true", status, StringComparison.Ordinal);
        Assert.Contains("\"setupAllowed\":true", status, StringComparison.Ordinal);

        using (var proxied = new HttpRequestMessage(HttpMethod.Post, "/account/setup") { Content = DeskServer.Json(new { id = "eve", name = "Eve", password = "long-enough-pass" }) })
        {
            proxied.Headers.Add("X-Forwarded-For", "203.0.113.7");
            Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(proxied, ct)).StatusCode);
        }

        using var created = await client.PostAsync("/account/setup", DeskServer.Json(new { id = "ana", name = "Ana", password = "long-enough-pass" }), ct);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains("\"name\":\"Ana\"", await client.GetStringAsync("/api/me", ct), StringComparison.Ordinal);

        using var other = desk.CreateClient();
        using var second = await other.PostAsync("/account/setup", DeskServer.Json(new { id = "eve", name = "Eve", password = "long-enough-pass" }), ct);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("\"setupAllowed\":false", await other.GetStringAsync("/account/status", ct), StringComparison.Ordinal);
    }

    /// <summary>Whether a byte sequence occurs inside another.</summary>
    private sealed class ContainsBytes : IEqualityComparer<byte[]>
    {
        public bool Equals(byte[]? x, byte[]? y) => x is not null && y is not null && y.AsSpan().IndexOf(x) >= 0;

        public int GetHashCode(byte[] obj) => 0;
    }
}
