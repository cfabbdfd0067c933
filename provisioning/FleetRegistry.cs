using System.Globalization;
using Microsoft.Data.Sqlite;

namespace KioskAssist.Provisioning;

/// <summary>
/// The device registry (<c>registry.db</c>, SQLite, 0600): every certificate the fleet CA issued and what became of
/// it, the desks' broker logins, and the CRL number. The source the broker configuration and the CRL are generated
/// from. Not thread-safe: one command uses one instance; the caller disposes it.
/// </summary>
public sealed class FleetRegistry : IDisposable
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = NORMAL;
        CREATE TABLE IF NOT EXISTS certificates (
            serial TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            identity TEXT NOT NULL,
            site TEXT NOT NULL DEFAULT '',
            kiosk TEXT NOT NULL DEFAULT '',
            not_before TEXT NOT NULL,
            not_after TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            issued_at TEXT NOT NULL,
            status TEXT NOT NULL,
            status_changed_at TEXT);
        CREATE INDEX IF NOT EXISTS certificates_identity ON certificates (kind, identity, status);
        CREATE INDEX IF NOT EXISTS certificates_device ON certificates (site, kiosk);
        CREATE TABLE IF NOT EXISTS agents (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            added_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS desks (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            sites TEXT NOT NULL,
            added_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
        """;

    private readonly SqliteConnection _connection;

    private FleetRegistry(SqliteConnection connection) => _connection = connection;

    public static FleetRegistry Open(FleetDirectory fleet)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        if (!File.Exists(fleet.Registry))
        {
            // An empty file is an empty SQLite database; creating it first makes it (and its WAL files) 0600.
            SecureFiles.WriteSecret(fleet.Registry, string.Empty);
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = fleet.Registry, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = Schema;
        command.ExecuteNonQuery();
        return new FleetRegistry(connection);
    }

    /// <summary>The (site, kiosk) that already holds this kiosk identity, if it is another device than the one given.</summary>
    public (string Site, string Kiosk)? IdentityHeldByAnother(string identity, string site, string kiosk)
    {
        using var command = Command(
            "SELECT site, kiosk FROM certificates WHERE kind = 'kiosk' AND identity = $identity AND (site <> $site OR kiosk <> $kiosk) LIMIT 1",
            ("$identity", identity), ("$site", site), ("$kiosk", kiosk));
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetString(0), reader.GetString(1)) : null;
    }

    /// <summary>Records a new certificate as active and marks its holder's previous active ones superseded; returns their serials.</summary>
    public IReadOnlyList<string> RecordIssued(CertificateKind kind, string site, string kiosk, IssuedCertificate issued)
    {
        ArgumentNullException.ThrowIfNull(issued);
        using var transaction = _connection.BeginTransaction();
        var superseded = new List<string>();
        using (var select = Command("SELECT serial FROM certificates WHERE kind = $kind AND identity = $identity AND status = 'active'", ("$kind", Name(kind)), ("$identity", issued.Subject)))
        using (var reader = select.ExecuteReader())
        {
            while (reader.Read())
            {
                superseded.Add(reader.GetString(0));
            }
        }

        using (var update = Command(
            "UPDATE certificates SET status = 'superseded', status_changed_at = $at WHERE kind = $kind AND identity = $identity AND status = 'active'",
            ("$at", Text(issued.IssuedAt)), ("$kind", Name(kind)), ("$identity", issued.Subject)))
        {
            update.ExecuteNonQuery();
        }

        using (var insert = Command(
            """
            INSERT INTO certificates (serial, kind, identity, site, kiosk, not_before, not_after, fingerprint, issued_at, status)
            VALUES ($serial, $kind, $identity, $site, $kiosk, $notBefore, $notAfter, $fingerprint, $issuedAt, 'active')
            """,
            ("$serial", issued.Serial), ("$kind", Name(kind)), ("$identity", issued.Subject), ("$site", site), ("$kiosk", kiosk),
            ("$notBefore", Text(issued.NotBefore)), ("$notAfter", Text(issued.NotAfter)), ("$fingerprint", issued.Fingerprint),
            ("$issuedAt", Text(issued.IssuedAt))))
        {
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
        return superseded;
    }

    /// <summary>Revokes every certificate of a kiosk that is not revoked yet (the current one and any superseded); returns their serials.</summary>
    public IReadOnlyList<string> RevokeKiosk(string site, string kiosk, DateTimeOffset now)
    {
        using var transaction = _connection.BeginTransaction();
        var serials = Certificates("kind = 'kiosk' AND site = $site AND kiosk = $kiosk AND status <> 'revoked'", ("$site", site), ("$kiosk", kiosk))
            .Select(entry => entry.Serial).ToList();
        using (var update = Command(
            "UPDATE certificates SET status = 'revoked', status_changed_at = $at WHERE kind = 'kiosk' AND site = $site AND kiosk = $kiosk AND status <> 'revoked'",
            ("$at", Text(now)), ("$site", site), ("$kiosk", kiosk)))
        {
            update.ExecuteNonQuery();
        }

        transaction.Commit();
        return serials;
    }

    /// <summary>Every certificate, optionally filtered by status, oldest first.</summary>
    public IReadOnlyList<RegistryEntry> Certificates(CertificateStatus? status = null) =>
        status is { } wanted ? Certificates("status = $status", ("$status", Name(wanted))) : Certificates("1 = 1");

    /// <summary>The kiosks whose current certificate is active, in site and kiosk order: the ones the broker admits.</summary>
    public IReadOnlyList<RegistryEntry> ActiveKiosks() =>
        [.. Certificates("kind = 'kiosk' AND status = 'active'").OrderBy(e => e.Site, StringComparer.Ordinal).ThenBy(e => e.Kiosk, StringComparer.Ordinal)];

    /// <summary>Adds a desk; false when one with this id exists.</summary>
    public bool AddDesk(DeskEntry desk)
    {
        ArgumentNullException.ThrowIfNull(desk);
        using var command = Command(
            "INSERT INTO desks (id, name, password_hash, sites, added_at) VALUES ($id, $name, $hash, $sites, $at) ON CONFLICT (id) DO NOTHING",
            ("$id", desk.Id), ("$name", desk.Name), ("$hash", desk.PasswordHash), ("$sites", string.Join(' ', desk.Sites)), ("$at", Text(desk.AddedAt)));
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>Removes a desk's login; false when there was none.</summary>
    public bool RemoveDesk(string id)
    {
        using var command = Command("DELETE FROM desks WHERE id = $id", ("$id", id));
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>
    /// The desks, by id. The <c>agents</c> table of earlier versions (a broker login per person) is no longer read:
    /// those logins lose their rights at the next broker-config (docs/protocol.md, "Who may do what").
    /// </summary>
    public IReadOnlyList<DeskEntry> Desks()
    {
        using var command = Command("SELECT id, name, password_hash, sites, added_at FROM desks ORDER BY id");
        using var reader = command.ExecuteReader();
        var desks = new List<DeskEntry>();
        while (reader.Read())
        {
            desks.Add(new DeskEntry(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3).Split(' ', StringSplitOptions.RemoveEmptyEntries),
                Parse(reader.GetString(4))));
        }

        return desks;
    }

    /// <summary>The next CRL number: CRLs must carry increasing numbers so a relying party can tell the newest.</summary>
    public long NextCrlNumber()
    {
        using var command = Command(
            "INSERT INTO counters (name, value) VALUES ('crl', 1) ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value");
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose() => _connection.Dispose();

    private List<RegistryEntry> Certificates(string where, params (string Name, object Value)[] parameters)
    {
        using var command = Command(
            $"SELECT serial, kind, identity, site, kiosk, not_before, not_after, fingerprint, issued_at, status, status_changed_at FROM certificates WHERE {where} ORDER BY issued_at, rowid",
            parameters);
        using var reader = command.ExecuteReader();
        var entries = new List<RegistryEntry>();
        while (reader.Read())
        {
            entries.Add(new RegistryEntry(
                reader.GetString(0), Enum.Parse<CertificateKind>(reader.GetString(1), ignoreCase: true), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), Parse(reader.GetString(5)), Parse(reader.GetString(6)), reader.GetString(7), Parse(reader.GetString(8)),
                Enum.Parse<CertificateStatus>(reader.GetString(9), ignoreCase: true), reader.IsDBNull(10) ? null : Parse(reader.GetString(10))));
        }

        return entries;
    }

    private SqliteCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    private static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static string Text(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
