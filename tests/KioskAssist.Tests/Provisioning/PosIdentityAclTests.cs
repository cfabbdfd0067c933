using KioskAssist.Provisioning;
using KioskAssist.Tests.Support;

namespace KioskAssist.Tests.Provisioning;

/// <summary>
/// A lane's POS identity (<c>kafleet pos</c>) against a Mosquitto configured by <c>kafleet broker-config</c>: it publishes
/// its own lane's checkout events, which that lane's kiosk reads; its publish on another lane's topic is dropped. The
/// forbidden publish goes first and an allowed one after it on the same connection (the sentinel).
/// </summary>
[Trait("Category", "Integration")]
public sealed class PosIdentityAclTests
{
    [Fact]
    public async Task A_pos_publishes_its_own_lanes_events_only()
    {
        using var fleet = new FleetTool();
        fleet.Ok("ca", "init");
        fleet.Ok("provision", "--site", "s", "--kiosk", "a");
        fleet.Ok("provision", "--site", "s", "--kiosk", "b");
        var posDir = fleet.File("pos-s-a");
        fleet.Ok("pos", "--site", "s", "--kiosk", "a", "--out", posDir);
        var (port, agentPort, outDir, data) = (FreePort.Next(), FreePort.Next(), fleet.File("broker"), fleet.File("mosquitto-data"));
        Directory.CreateDirectory(data);
        fleet.Ok("broker-config", "--out", outDir, "--port", $"{port}", "--agent-port", $"{agentPort}", "--host", "localhost", "--host", "127.0.0.1",
            "--persistence-dir", data, "--user", Environment.UserName);
        using var broker = await ConfiguredMosquitto.StartAsync(Path.Combine(outDir, BrokerConfigWriter.ConfigFile), port);
        var ca = fleet.Fleet.CaCertificate;
        using var kioskA = await Kiosk(port, ca, fleet, "a");
        using var kioskB = await Kiosk(port, ca, fleet, "b");
        await kioskA.SubscribeAsync("ka/v1/pos/s/a/events");
        await kioskB.SubscribeAsync("ka/v1/pos/s/b/events");
        using var pos = await SecuredMqttClient.ConnectAsync(port, ca, PosIdentity.For("s", "a"), Path.Combine(posDir, "pos.crt"), Path.Combine(posDir, "pos.key"));

        await pos.PublishAsync("ka/v1/pos/s/b/events", "forged");
        await pos.PublishAsync("ka/v1/presence/s/a", "forged");
        await pos.PublishAsync("ka/v1/pos/s/a/events", "mine");

        await Eventually.TrueAsync(() => kioskA.Received.Contains("ka/v1/pos/s/a/events mine"), $"kiosk a reads its POS (log: {broker.Log})");
        Assert.Empty(kioskB.Received);
        Assert.DoesNotContain(kioskA.Received, m => m.Contains("forged", StringComparison.Ordinal));
        Assert.Contains("pos", fleet.Ok("pos", "--site", "s", "--kiosk", "a", "--out", fleet.File("again")), StringComparison.Ordinal);
        Assert.NotEqual(0, fleet.Run("pos", "--site", "s", "--kiosk", "zz", "--out", fleet.File("none")).Code); // no such lane
    }

    private static Task<MqttTestClient> Kiosk(int port, string ca, FleetTool fleet, string kiosk)
    {
        var bundle = fleet.Fleet.Bundle("s", kiosk);
        return SecuredMqttClient.ConnectAsync(port, ca, KioskIdentity.For("s", kiosk), Path.Combine(bundle, BundleFiles.ClientCertificate), Path.Combine(bundle, BundleFiles.ClientKey));
    }
}
