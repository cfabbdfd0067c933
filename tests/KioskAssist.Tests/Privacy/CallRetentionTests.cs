using System.Text;
using KioskAssist.FirmwareHost.Conversation;
using KioskAssist.FirmwareHost.Fleet;
using KioskAssist.FirmwareHost.HelpCall;
using KioskAssist.FirmwareHost.Kiosk;
using KioskAssist.FirmwareHost.Screen;
using KioskAssist.FirmwareHost.Storage;
using KioskAssist.Protocol.Messages;
using KioskAssist.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace KioskAssist.Tests.Privacy;

/// <summary>
/// Issue #12's "transcript in kiosk.db after retention": a finished call's text is in the SQLite file until it was
/// delivered and its retention passed, and after the sweep not a byte of it is left in the file or its WAL.
/// </summary>
[Trait("Category", "Integration")]
public sealed class CallRetentionTests : IDisposable
{
    private const string Secret = "siti.rahma@example.com";

    private readonly TempDirectory _data = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
    private readonly StorageOptions _storage;
    private readonly KioskDatabase _database;
    private readonly Outbox _outbox;
    private readonly HelpCallCoordinator _help;

    public CallRetentionTests()
    {
        _storage = new StorageOptions { Database = _data.File("kiosk.db"), FinishedCallRetentionHours = 24 };
        _database = new KioskDatabase(MsOptions.Create(_storage));
        _outbox = new Outbox(_database, _time);
        var conversation = new ShopperConversation(_time,
            MsOptions.Create(new ScreenOptions { Languages = ["en", "id"], DefaultLanguage = "en", IdleTimeoutSeconds = 60 }), NullLogger<ShopperConversation>.Instance);
        _help = new HelpCallCoordinator(new HelpCallStore(_database, _outbox, _time), _outbox, conversation,
            MsOptions.Create(new KioskOptions { Site = "s", Id = "k" }), MsOptions.Create(new HelpOptions()), new KioskMetrics(_time), _time,
            NullLogger<HelpCallCoordinator>.Instance);
    }

    [Fact]
    public void A_finished_call_is_kept_until_delivered_and_past_retention_then_gone_from_the_file()
    {
        var retention = new CallRetention(_database, MsOptions.Create(_storage), _time);
        _help.Start(HelpReason.Button);
        // The shopper's own text, in words the mask does not touch, so the test sees the raw bytes of a chat line.
        _help.ShopperSays($"my name is {Secret.Replace("@", " at ", StringComparison.Ordinal)}");
        _help.Cancel();
        const string Needle = "siti.rahma at example.com";

        _time.Advance(TimeSpan.FromHours(25));
        Assert.Equal(0, retention.Sweep()); // past retention, but not delivered yet: kept
        Assert.True(FileHolds(Needle));

        foreach (var message in _outbox.Pending(100))
        {
            _outbox.MarkDelivered(message.Id);
        }

        _time.Advance(TimeSpan.FromHours(23));
        Assert.Equal(0, retention.Sweep()); // delivered 23 h ago, ended 48 h ago: the outbox copy is still within retention
        _time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(1, retention.Sweep());

        Assert.False(FileHolds(Needle), "the chat line is still somewhere in kiosk.db or its WAL");
        using var connection = _database.Open();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT (SELECT COUNT(*) FROM help_call) + (SELECT COUNT(*) FROM outbox)";
        Assert.Equal(0L, (long)count.ExecuteScalar()!);
    }

    [Fact]
    public void Secure_delete_is_on_for_every_connection()
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA secure_delete";
        Assert.Equal(1L, (long)command.ExecuteScalar()!);
    }

    private bool FileHolds(string text)
    {
        SqliteConnection.ClearAllPools();
        var needle = Encoding.UTF8.GetBytes(text);
        return new[] { _storage.FullPath, _storage.FullPath + "-wal" }
            .Where(File.Exists)
            .Any(path => File.ReadAllBytes(path).AsSpan().IndexOf(needle) >= 0);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _data.Dispose();
    }
}
