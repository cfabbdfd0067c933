using System.Text;
using KioskAssist.AgentDesk.Live;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;
using KioskAssist.Tests.Support;

namespace KioskAssist.Tests.Desk;

/// <summary>
/// The desk's side channels (typing, ratings, staff alerts and acknowledgements) over a real Mosquitto: hostile or
/// mismatched payloads are counted and dropped, repeats count once, and the first acknowledgement wins.
/// </summary>
[Trait("Category", "Integration")]
public sealed class DeskSideChannelTests
{
    [Fact]
    public async Task Bad_side_channel_messages_are_counted_and_dropped_and_good_ones_apply_once()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var kiosk = await TestKiosk.StartAsync(broker);
        await using var desk = await DeskServer.StartAsync(broker);
        var state = desk.Get<DeskState>();
        var drops = desk.Get<DropCounters>();
        var key = new RequestKey("jkt-01", "k03", "r1");
        var now = DateTimeOffset.UtcNow;
        await kiosk.PublishAsync(kiosk.Request("r1", now.AddSeconds(-30)));
        await Eventually.TrueAsync(() => state.Find(key) is not null);

        // A staff alert whose payload names another site than its topic: someone else's store.
        var otherSite = new StaffAlertMessage(Ids.New(), "r1", "sby-02", "k03", HelpReason.Button, 20, now);
        await kiosk.PublishRawAsync(Topics.Staff("jkt-01"), ProtocolJson.Encode(otherSite), retain: false);
        // Typing for a request the desk does not know, and a rating out of range, and plain garbage.
        await kiosk.PublishRawAsync(Topics.Typing("jkt-01", "k03", "nope"), ProtocolJson.Encode(new ShopperTypingMessage("nope", now)), retain: false);
        await kiosk.PublishRawAsync(Topics.Rating("jkt-01", "k03", "r1"), Encoding.UTF8.GetBytes(
            """{"v":1,"id":"x1","requestId":"r1","site":"jkt-01","kiosk":"k03","score":9,"at":"2026-12-05T10:00:00Z"}"""), retain: false);
        await kiosk.PublishRawAsync(Topics.StaffAck("jkt-01", "k03", "r1"), Encoding.UTF8.GetBytes("{not json"), retain: false);

        // Then good ones: a rating twice (at-least-once), two acknowledgements (the first one wins).
        var rating = new HelpRatingMessage(Ids.New(), "r1", "jkt-01", "k03", null, 2, now);
        await kiosk.PublishRawAsync(Topics.Rating("jkt-01", "k03", "r1"), ProtocolJson.Encode(rating), retain: false);
        await kiosk.PublishRawAsync(Topics.Rating("jkt-01", "k03", "r1"), ProtocolJson.Encode(rating), retain: false);
        await kiosk.PublishRawAsync(Topics.StaffAck("jkt-01", "k03", "r1"), ProtocolJson.Encode(
            new StaffAckMessage(Ids.New(), "r1", "jkt-01", "k03", new StaffRef("dewi", "Dewi"), now)), retain: false);
        await kiosk.PublishRawAsync(Topics.StaffAck("jkt-01", "k03", "r1"), ProtocolJson.Encode(
            new StaffAckMessage(Ids.New(), "r1", "jkt-01", "k03", new StaffRef("eko", "Eko"), now.AddSeconds(1))), retain: false);
        // The sentinel: this store's real alert, published last.
        await kiosk.PublishStaffAlertAsync("r1");

        await Eventually.TrueAsync(() => state.FindStaffAlert(key) is not null, "the sentinel alert arrives");
        await Eventually.TrueAsync(() => drops[DropReason.Stale] == 1, "the second acknowledgement is counted");
        Assert.Equal(1, drops[DropReason.Mismatched]);
        Assert.Equal(1, drops[DropReason.UnknownRequest]);
        Assert.Equal(2, drops[DropReason.Malformed]);
        Assert.Equal(1, drops[DropReason.Duplicate]);
        Assert.Equal("Dewi", state.FindStaffAck(key)!.Staff.Name);
        Assert.Equal(2, state.Find(key)!.Rating);
        Assert.Empty(state.StaffViewFor("sby-02").Alerts);
        Assert.Equal("r1", Assert.Single(state.StaffViewFor("jkt-01").Alerts).RequestId);
    }
}
