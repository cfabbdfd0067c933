using KioskAssist.FirmwareHost.Broker;
using KioskAssist.FirmwareHost.HelpCall;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;
using KioskAssist.Tests.BadInput;
using KioskAssist.Tests.Support;

namespace KioskAssist.Tests.HelpCall;

/// <summary>
/// The staff-acknowledgement topic fed generated bad payloads through a real Mosquitto while a call is open: each is
/// dropped and counted without being applied, and afterwards a real acknowledgement still is.
/// </summary>
[Trait("Category", "HelpCall")]
public sealed class StaffAckFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20261205;
    private const string Site = "jkt-01";
    private const string Kiosk = "k03";

    [Fact]
    public async Task Every_bad_staff_acknowledgement_is_counted_and_dropped_and_a_real_one_still_applies()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var kiosk = await KioskServer.StartAsync([.. KioskServer.UsingBroker(broker, Site, Kiosk), "--Help:NoDeskGraceSeconds=15"], dataDirectory: null);
        await Eventually.TrueAsync(() => kiosk.Get<KioskBrokerLink>().IsUp);
        var help = kiosk.Get<HelpCallCoordinator>();
        var call = help.Start(HelpReason.Button);
        var counters = kiosk.Get<MessageCounters>();
        long Undecodable() => counters[DropReason.Malformed] + counters[DropReason.Oversized] + counters[DropReason.UnsupportedVersion];
        long Decoded() => counters.Accepted + counters[DropReason.UnknownRequest] + counters[DropReason.Refused] + counters[DropReason.Duplicate];
        await using var check = await DropCheck.ConnectAsync(broker, Undecodable, Decoded);
        var topic = Topics.StaffAck(Site, Kiosk, call.RequestId);
        var template = PayloadTemplate.Of("staff ack",
            new StaffAckMessage(Ids.New(), call.RequestId, Site, Kiosk, new StaffRef("dewi", "Dewi"), ProtocolTemplates.T0));

        var bad = BadPayloads.For(template, Seed).ToList();
        foreach (var payload in bad)
        {
            await check.SendAsync(topic, payload);
        }

        output.WriteLine($"sent {check.Sent} generated bad staff acknowledgements (seed {Seed}); slowest drop {check.SlowestDrop.TotalMilliseconds:F0} ms");
        Assert.Empty(check.RefusedByBroker);
        Assert.True(check.Failures.Count == 0, $"{check.Failures.Count} of {check.Sent} not dropped:\n" + string.Join('\n', check.Failures));
        Assert.Null(help.View()!.Staff);

        await check.PublishAsync(topic, template.Valid);

        await Eventually.TrueAsync(() => help.View()!.Staff is not null);
        Assert.Equal(bad.Count, Undecodable());
        Assert.Equal("Dewi", help.View()!.Staff!.Name);
    }
}
