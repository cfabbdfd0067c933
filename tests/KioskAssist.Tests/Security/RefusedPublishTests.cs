using KioskAssist.FirmwareHost.Broker;
using KioskAssist.FirmwareHost.HelpCall;
using KioskAssist.FirmwareHost.Storage;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;
using KioskAssist.Tests.BadInput;
using KioskAssist.Tests.Provisioning;
using KioskAssist.Tests.Support;

namespace KioskAssist.Tests.Security;

/// <summary>
/// Issue #12: "a revoked kiosk's press showed delivered while the desk got nothing" — MQTT 3.1.1 drops a publish the
/// ACL denies without telling the publisher. On MQTT 5 (now the default) Mosquitto answers "not authorized", so the
/// kiosk keeps the call as not delivered. A kiosk whose configured id is not its certificate's is such a kiosk: the
/// ACL lets it write none of its topics.
/// </summary>
[Trait("Category", "Security")]
public sealed class RefusedPublishTests(SecuredBrokerFixture broker) : IClassFixture<SecuredBrokerFixture>
{
    [Theory]
    [InlineData(500, false)]
    [InlineData(311, true)]
    public async Task A_publish_the_acl_denies_is_seen_on_mqtt_5_and_the_call_stays_not_delivered(int version, bool silentlyAccepted)
    {
        await using var kiosk = await KioskServer.StartAsync(
            [.. broker.KioskSettings("e"), "--Kiosk:Id=not-e", $"--Broker:ProtocolVersion={version}"], dataDirectory: null);
        var link = kiosk.Get<KioskBrokerLink>();
        await Eventually.TrueAsync(() => link.IsUp, $"the kiosk connects with its certificate (log: {broker.BrokerLog})");
        Assert.Equal(version == 500, link.UsesMqtt5);
        var help = kiosk.Get<HelpCallCoordinator>();
        var call = help.Start(HelpReason.Button);

        var refusedOrNot = await link.TryDeliverAsync(
            new OutboxMessage(Topics.Request("s", "not-e", call.RequestId), [], Retain: true), expiry: null, TestContext.Current.CancellationToken);

        Assert.Equal(silentlyAccepted, refusedOrNot);
        if (!silentlyAccepted)
        {
            Assert.False(help.View()!.Delivered, "the call must not say delivered when the broker refused it");
        }

        help.Cancel();
    }

    [Fact]
    public async Task A_broker_that_keeps_refusing_is_logged_once_not_at_every_retry()
    {
        // From the start: the kiosk's own presence and outbox are refused too, before the loop below.
        var logs = new CapturedLogs();
        await using var kiosk = await KioskServer.StartAsync(
            [.. broker.KioskSettings("e"), "--Kiosk:Id=not-e"], dataDirectory: null,
            services => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(services, logs));
        var link = kiosk.Get<KioskBrokerLink>();
        await Eventually.TrueAsync(() => link.IsUp, $"the kiosk connects with its certificate (log: {broker.BrokerLog})");

        // As the outbox retries a refused message: the same publish, refused each time (five retries well within a minute;
        // without the gate each one logged a warning).
        for (var i = 0; i < 5; i++)
        {
            Assert.False(await link.TryDeliverAsync(new OutboxMessage(Topics.Request("s", "not-e", "r1"), [], Retain: true), expiry: null, TestContext.Current.CancellationToken));
        }

        Assert.Equal(1, logs.Entries.Count(e => e.EventId.Id == 103));
        Assert.Equal(0, logs.Entries.Count(e => e.EventId.Id == 107));
    }
}
