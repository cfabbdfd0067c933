using KioskAssist.FirmwareHost.Conversation;
using KioskAssist.FirmwareHost.Fleet;
using KioskAssist.FirmwareHost.HelpCall;
using KioskAssist.FirmwareHost.Kiosk;
using KioskAssist.FirmwareHost.Screen;
using KioskAssist.FirmwareHost.Storage;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;
using KioskAssist.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace KioskAssist.Tests.HelpCall;

/// <summary>A help-call coordinator over a real SQLite file and a fake clock, as a kiosk would build it.</summary>
public sealed class HelpCallFixture : IDisposable
{
    public const string Site = "store-1";
    public const string Kiosk = "kiosk-7";

    private readonly TempDirectory _data = new();
    private KioskMetrics? _metrics;

    public HelpCallFixture() => Coordinator = Build();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));

    public ShopperConversation Conversation { get; private set; } = null!;

    public Outbox Outbox { get; private set; } = null!;

    public HelpCallCoordinator Coordinator { get; private set; }

    /// <summary>What the coordinator counts for the fleet: one per fixture, shared by a restarted coordinator.</summary>
    public KioskMetrics Metrics => _metrics ??= new KioskMetrics(Time);

    public HelpOptions Options { get; } = new() { UrgentAfterSeconds = 20, NoticeAfterSeconds = 60, ExpireAfterSeconds = 900 };

    /// <summary>A new coordinator over the same database, as after a restart or a power cut.</summary>
    public HelpCallCoordinator Restart() => Coordinator = Build();

    public IReadOnlyList<OutboxMessage> Pending() => Outbox.Pending(10_000);

    public IReadOnlyList<T> PendingOn<T>(string topic) where T : class, IProtocolMessage =>
        [.. Pending().Where(m => m.Topic == topic && m.Payload.Length > 0).Select(m => Decode<T>(m.Payload))];

    public IReadOnlyList<HelpRequestMessage> PublishedStates(string requestId) =>
        PendingOn<HelpRequestMessage>(Topics.Request(Site, Kiosk, requestId));

    public static T Decode<T>(byte[] payload) where T : class, IProtocolMessage =>
        ProtocolJson.TryDecode<T>(new System.Buffers.ReadOnlySequence<byte>(payload), out var message, out var problem)
            ? message! : throw new InvalidDataException(problem);

    public AgentActionMessage Action(AgentActionType type, string requestId, string agent, string? text = null, string? outcome = null) => new()
    {
        Id = Ids.New(),
        RequestId = requestId,
        Type = type,
        Agent = new AgentRef(agent, char.ToUpperInvariant(agent[0]) + agent[1..]),
        At = Time.GetUtcNow(),
        Text = text,
        Outcome = outcome,
    };

    private HelpCallCoordinator Build()
    {
        var database = new KioskDatabase(Microsoft.Extensions.Options.Options.Create(new StorageOptions { Database = Path.Combine(_data.Path, "kiosk.db") }));
        Outbox = new Outbox(database, Time);
        Conversation = new ShopperConversation(Time,
            Microsoft.Extensions.Options.Options.Create(new ScreenOptions { Languages = ["en", "id"], DefaultLanguage = "en", IdleTimeoutSeconds = 60 }),
            NullLogger<ShopperConversation>.Instance);
        return new HelpCallCoordinator(new HelpCallStore(database, Outbox, Time), Outbox, Conversation,
            Microsoft.Extensions.Options.Options.Create(new KioskOptions { Site = Site, Id = Kiosk }),
            Microsoft.Extensions.Options.Options.Create(Options), Metrics, Time, NullLogger<HelpCallCoordinator>.Instance);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Dispose();
    }
}
