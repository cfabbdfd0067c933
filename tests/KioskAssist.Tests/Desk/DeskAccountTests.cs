using KioskAssist.AgentDesk.Accounts;
using KioskAssist.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;

namespace KioskAssist.Tests.Desk;

/// <summary>Desk accounts in a real SQLite file: hashed passwords, private files, the CLI verbs, roles, migration, session lifetime.</summary>
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

        Assert.Equal(new AgentAccount("ana", "Ana"), store.Verify("ana", "correct-horse-battery")); // added as an agent: the default role
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
        Assert.Contains("Added admin 'ana' (Ana)", output.ToString(), StringComparison.Ordinal); // the first account manages the desk
        Assert.Equal(1, Run("s3cret-passphrase", "--id", "ana", "--name", "Ana"));
        Assert.Equal(2, Run("short", "--id", "budi", "--name", "Budi"));
        Assert.Equal(2, Run("long-enough-pass", "--id", "bad id!", "--name", "Budi"));
        Assert.Equal(0, Run("long-enough-pass", "--id", "budi", "--name", "Budi"));
        Assert.Contains("Added agent 'budi' (Budi)", output.ToString(), StringComparison.Ordinal);

        var store = new AgentStore(data.Path);
        Assert.NotNull(store.Verify("ana", "s3cret-passphrase"));
        Assert.Equal(DeskRole.Admin, store.Find("ana")!.Role);
        Assert.Equal(DeskRole.Agent, store.Find("budi")!.Role);
        Assert.DoesNotContain("s3cret", output.ToString() + error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_cli_adds_staff_with_a_site_and_removes_accounts()
    {
        using var data = new TempDirectory();
        using var output = new StringWriter();
        using var error = new StringWriter();

        int Run(params string[] args) =>
            DeskCli.Create(new StringReader("long-enough-pass\n"), output, error).Parse([.. args, "--data-directory", data.Path]).Invoke();

        Assert.Equal(0, Run("add-agent", "--id", "root", "--name", "Root", "--role", "admin"));
        Assert.Equal(0, Run("add-agent", "--id", "dewi", "--name", "Dewi", "--role", "staff", "--site", "jkt-01"));
        Assert.Equal(2, Run("add-agent", "--id", "eko", "--name", "Eko", "--role", "staff")); // staff need a site
        Assert.Equal(2, Run("add-agent", "--id", "eko", "--name", "Eko", "--role", "agent", "--site", "jkt-01")); // agents have none
        Assert.Equal(2, Run("add-agent", "--id", "eko", "--name", "Eko", "--role", "boss"));
        Assert.Equal(new AgentAccount("dewi", "Dewi", DeskRole.Staff, "jkt-01"), new AgentStore(data.Path).Find("dewi"));

        Assert.Equal(0, Run("remove-agent", "--id", "dewi"));
        Assert.Equal(1, Run("remove-agent", "--id", "dewi"));
        Assert.Equal(2, Run("remove-agent", "--id", "no such id!"));
        Assert.Null(new AgentStore(data.Path).Find("dewi"));
        Assert.Contains("Removed 'dewi'", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_store_from_before_roles_is_migrated_its_first_account_becomes_admin_and_the_rest_agents()
    {
        using var data = new TempDirectory();
        var file = Path.Combine(data.Path, AgentStore.FileName);
        var hasher = new PasswordHasher<AgentAccount>();
        using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE agents (id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL, password_hash TEXT NOT NULL, created_at TEXT NOT NULL);
                INSERT INTO agents VALUES ('budi', 'Budi', $budi, '2026-11-02T08:00:00.0000000Z');
                INSERT INTO agents VALUES ('ana', 'Ana', $ana, '2026-11-01T08:00:00.0000000Z');
                """;
            command.Parameters.AddWithValue("$budi", hasher.HashPassword(new AgentAccount("budi", "Budi"), "budi-password"));
            command.Parameters.AddWithValue("$ana", hasher.HashPassword(new AgentAccount("ana", "Ana"), "ana-password"));
            command.ExecuteNonQuery();
        }

        var store = new AgentStore(data.Path);

        Assert.Equal([new AgentAccount("ana", "Ana", DeskRole.Admin), new AgentAccount("budi", "Budi", DeskRole.Agent)], store.List());
        Assert.NotNull(store.Verify("budi", "budi-password"));
        Assert.NotNull(new SessionStore(store, TimeProvider.System).Start("ana")); // the sessions table exists
        Assert.Equal(2, new AgentStore(data.Path).Count()); // opening it again changes nothing
        Assert.Equal(DeskRole.Admin, new AgentStore(data.Path).Find("ana")!.Role);
    }

    [Fact]
    public void A_session_unused_for_longer_than_its_lifetime_ends()
    {
        using var data = new TempDirectory();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));
        var store = new AgentStore(data.Path, time);
        store.Add("ana", "Ana", "long-enough-pass");
        var sessions = new SessionStore(store, time);
        var session = sessions.Start("ana")!;

        time.Advance(SessionStore.IdleLifetime - TimeSpan.FromMinutes(1));
        Assert.NotNull(sessions.Check("ana", session.Id, session.Stamp)); // used: the idle clock starts again
        time.Advance(SessionStore.IdleLifetime - TimeSpan.FromMinutes(1));
        Assert.NotNull(sessions.Check("ana", session.Id, session.Stamp));
        Assert.Null(sessions.Check("budi", session.Id, session.Stamp)); // another account's id with this session: no
        Assert.Null(sessions.Check("ana", session.Id, "0000")); // a stale stamp: no
        time.Advance(SessionStore.IdleLifetime);
        Assert.Null(sessions.Check("ana", session.Id, session.Stamp));
        Assert.Equal(0, sessions.Count("ana"));
    }

    /// <summary>Whether a byte sequence occurs inside another.</summary>
    private sealed class ContainsBytes : IEqualityComparer<byte[]>
    {
        public bool Equals(byte[]? x, byte[]? y) => x is not null && y is not null && y.AsSpan().IndexOf(x) >= 0;

        public int GetHashCode(byte[] obj) => 0;
    }
}
