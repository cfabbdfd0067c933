using System.Globalization;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;
using Microsoft.Data.Sqlite;

namespace KioskAssist.Provisioning;

/// <summary>
/// The rollouts in the registry (<c>registry.db</c>): each rollout, its targets and what each reported. Its own tables
/// beside <see cref="FleetRegistry"/>'s. Not thread-safe: one command uses one instance; the caller disposes it.
/// </summary>
public sealed class RolloutLedger : IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS rollouts (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            version TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            size INTEGER NOT NULL,
            target TEXT NOT NULL,
            created_at TEXT NOT NULL,
            status TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS rollout_targets (
            rollout_id TEXT NOT NULL REFERENCES rollouts (id),
            site TEXT NOT NULL,
            kiosk TEXT NOT NULL,
            status TEXT NOT NULL,
            reason TEXT,
            active TEXT,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (rollout_id, site, kiosk));
        """;

    private readonly SqliteConnection _connection;

    private RolloutLedger(SqliteConnection connection) => _connection = connection;

    public static RolloutLedger Open(FleetDirectory fleet)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        FleetRegistry.Open(fleet).Dispose(); // creates registry.db 0600 with the fleet's own tables
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = fleet.Registry, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = Schema;
        command.ExecuteNonQuery();
        return new RolloutLedger(connection);
    }

    public void Record(RolloutRecord rollout, IEnumerable<(string Site, string Kiosk)> targets)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        ArgumentNullException.ThrowIfNull(targets);
        using var transaction = _connection.BeginTransaction();
        Execute(
            "INSERT INTO rollouts (id, kind, version, sha256, size, target, created_at, status) VALUES ($id, $kind, $version, $sha, $size, $target, $at, $status)",
            ("$id", rollout.Id), ("$kind", RolloutSignature.Name(rollout.Kind)), ("$version", rollout.Version), ("$sha", rollout.Sha256),
            ("$size", rollout.Size), ("$target", rollout.Target), ("$at", Time(rollout.CreatedAt)), ("$status", rollout.Status));
        foreach (var (site, kiosk) in targets)
        {
            Execute(
                "INSERT INTO rollout_targets (rollout_id, site, kiosk, status, updated_at) VALUES ($id, $site, $kiosk, 'pending', $at)",
                ("$id", rollout.Id), ("$site", site), ("$kiosk", kiosk), ("$at", Time(rollout.CreatedAt)));
        }

        transaction.Commit();
    }

    public void Update(string rolloutId, RolloutReportMessage report)
    {
        ArgumentNullException.ThrowIfNull(report);
        Execute(
            "UPDATE rollout_targets SET status = $status, reason = $reason, active = $active, updated_at = $at WHERE rollout_id = $id AND site = $site AND kiosk = $kiosk",
            ("$status", Status(report.Outcome)), ("$reason", report.Reason), ("$active", report.Active), ("$at", Time(report.At)),
            ("$id", rolloutId), ("$site", report.Site), ("$kiosk", report.Kiosk));
    }

    public void MarkAborted(string rolloutId) => Execute("UPDATE rollouts SET status = 'aborted' WHERE id = $id", ("$id", rolloutId));

    /// <summary>The rollout with this id, or the latest one when <paramref name="rolloutId"/> is null.</summary>
    public RolloutRecord? Find(string? rolloutId)
    {
        using var command = rolloutId is null
            ? Command("SELECT id, kind, version, sha256, size, target, created_at, status FROM rollouts ORDER BY created_at DESC, rowid DESC LIMIT 1")
            : Command("SELECT id, kind, version, sha256, size, target, created_at, status FROM rollouts WHERE id = $id", ("$id", rolloutId));
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    private static RolloutRecord Read(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1) == "model" ? RolloutKind.Model : RolloutKind.Answers, reader.GetString(2),
            reader.GetString(3), reader.GetInt64(4), reader.GetString(5), DateTimeOffset.Parse(reader.GetString(6), CultureInfo.InvariantCulture), reader.GetString(7));

    public IReadOnlyList<RolloutTarget> Targets(string rolloutId)
    {
        using var command = Command("SELECT site, kiosk, status, reason, active FROM rollout_targets WHERE rollout_id = $id ORDER BY site, kiosk", ("$id", rolloutId));
        using var reader = command.ExecuteReader();
        var targets = new List<RolloutTarget>();
        while (reader.Read())
        {
            targets.Add(new RolloutTarget(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return targets;
    }

    /// <summary>The latest rollout of <paramref name="kind"/> sent to a kiosk (its retained command is that one's).</summary>
    public string? LatestFor(string site, string kiosk, RolloutKind kind)
    {
        using var command = Command(
            "SELECT r.id FROM rollouts r JOIN rollout_targets t ON t.rollout_id = r.id WHERE t.site = $site AND t.kiosk = $kiosk AND r.kind = $kind ORDER BY r.created_at DESC, r.rowid DESC LIMIT 1",
            ("$site", site), ("$kiosk", kiosk), ("$kind", RolloutSignature.Name(kind)));
        return command.ExecuteScalar() as string;
    }

    /// <summary>Every rollout, newest first.</summary>
    public IReadOnlyList<RolloutRecord> All()
    {
        using var command = Command("SELECT id, kind, version, sha256, size, target, created_at, status FROM rollouts ORDER BY created_at DESC, rowid DESC");
        using var reader = command.ExecuteReader();
        var rollouts = new List<RolloutRecord>();
        while (reader.Read())
        {
            rollouts.Add(Read(reader));
        }

        return rollouts;
    }

    /// <summary>
    /// A report that came after the command that sent the rollout stopped waiting (a kiosk that was offline, a retained
    /// report seen by a later command): written when the kiosk is one of the rollout's targets and the report is not
    /// older than what the registry holds. True when it changed the registry.
    /// </summary>
    public bool ApplyLateReport(RolloutReportMessage report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var command = Command(
            """
            UPDATE rollout_targets SET status = $status, reason = $reason, active = $active, updated_at = $at
            WHERE rollout_id = $id AND site = $site AND kiosk = $kiosk AND updated_at <= $at
              AND (status <> $status OR IFNULL(reason, '') <> IFNULL($reason, '') OR IFNULL(active, '') <> IFNULL($active, ''))
            """,
            ("$status", Status(report.Outcome)), ("$reason", report.Reason), ("$active", report.Active), ("$at", Time(report.At)),
            ("$id", report.RolloutId), ("$site", report.Site), ("$kiosk", report.Kiosk));
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>Adds kiosks to a rollout (a promotion): pending, at <paramref name="at"/>; the rollout's target becomes <paramref name="target"/>.</summary>
    public void AddTargets(string rolloutId, string target, IEnumerable<(string Site, string Kiosk)> kiosks, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(kiosks);
        using var transaction = _connection.BeginTransaction();
        Execute("UPDATE rollouts SET target = $target WHERE id = $id", ("$target", target), ("$id", rolloutId));
        foreach (var (site, kiosk) in kiosks)
        {
            Execute(
                "INSERT INTO rollout_targets (rollout_id, site, kiosk, status, updated_at) VALUES ($id, $site, $kiosk, 'pending', $at) ON CONFLICT DO NOTHING",
                ("$id", rolloutId), ("$site", site), ("$kiosk", kiosk), ("$at", Time(at)));
        }

        transaction.Commit();
    }

    public static string Status(RolloutOutcome outcome) => outcome switch
    {
        RolloutOutcome.Applied => "applied",
        RolloutOutcome.Refused => "refused",
        _ => "rolled_back",
    };

    public void Dispose() => _connection.Dispose();

    private static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private void Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
