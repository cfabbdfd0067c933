using KioskAssist.Provisioning;
using KioskAssist.Tests.Support;

namespace KioskAssist.Tests.Provisioning;

/// <summary>
/// The broker configuration kafleet writes, enforced by a real Mosquitto over TLS. A denied publish is dropped
/// silently in MQTT 3.1.1, so each test publishes the forbidden message first and an allowed one after it on the same
/// connection: once the allowed one has arrived, the forbidden one would have arrived before it.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SecuredBrokerTests(SecuredBrokerFixture broker) : IClassFixture<SecuredBrokerFixture>
{
    [Fact]
    public async Task A_kiosk_publishes_its_own_presence_but_not_another_kiosks()
    {
        using var desk = await broker.ConnectDeskAsync(SecuredBrokerFixture.DeskA);
        await desk.SubscribeAsync("ka/v1/presence/#");
        using var kioskA = await broker.ConnectWithBundleAsync(broker.Fleet, "s", "a");

        await kioskA.PublishAsync("ka/v1/presence/s/b", "forged");
        await kioskA.PublishAsync("ka/v1/presence/s/a", "online");

        await Eventually.TrueAsync(() => desk.Received.Contains("ka/v1/presence/s/a online"), $"the desk sees a's presence (log: {broker.BrokerLog})");
        Assert.DoesNotContain("ka/v1/presence/s/b forged", desk.Received);
    }

    [Fact]
    public async Task The_kiosk_host_connects_with_its_bundle_and_announces_itself()
    {
        using var desk = await broker.ConnectDeskAsync(SecuredBrokerFixture.DeskA);
        await desk.SubscribeAsync("ka/v1/presence/s/d");
        var bundle = broker.Fleet.Fleet.Bundle("s", "d");
        string[] settings =
        [
            .. KioskSettingsArgs.From(File.ReadAllText(Path.Combine(bundle, BundleFiles.Settings))),
            // The bundle names its files as installed on the Pi; here they are still in the bundle folder.
            $"--Broker:Port={broker.Port}",
            $"--Broker:CaCertificateFile={Path.Combine(bundle, BundleFiles.CaCertificate)}",
            $"--Broker:ClientCertificateFile={Path.Combine(bundle, BundleFiles.ClientCertificate)}",
            $"--Broker:ClientKeyFile={Path.Combine(bundle, BundleFiles.ClientKey)}",
            $"--Rollout:PublicKeyFile={Path.Combine(bundle, BundleFiles.RolloutPublicKey)}",
            "--Hardware:Mode=Simulated",
        ];

        await using var kiosk = await KioskServer.StartAsync(settings, dataDirectory: null);

        await Eventually.TrueAsync(
            () => desk.Received.Any(m => m.StartsWith("ka/v1/presence/s/d ", StringComparison.Ordinal) && m.Contains("\"online\"", StringComparison.Ordinal)),
            $"the kiosk announces itself online (log: {broker.BrokerLog})");
    }

    [Fact]
    public async Task A_kiosk_does_not_receive_agent_actions_meant_for_another_kiosk()
    {
        using var kioskA = await broker.ConnectWithBundleAsync(broker.Fleet, "s", "a");
        await kioskA.SubscribeAsync("ka/v1/agent/s/b/#", "ka/v1/agent/s/a/#");
        using var desk = await broker.ConnectDeskAsync(SecuredBrokerFixture.DeskA);

        await desk.PublishAsync("ka/v1/agent/s/b/r1/desk-a", "claim-b");
        await desk.PublishAsync("ka/v1/agent/s/a/r1/desk-a", "claim-a");

        await Eventually.TrueAsync(() => kioskA.Received.Contains("ka/v1/agent/s/a/r1/desk-a claim-a"));
        Assert.DoesNotContain("ka/v1/agent/s/b/r1/desk-a claim-b", kioskA.Received);
    }

    [Fact]
    public async Task Only_the_operator_can_send_a_kiosk_fleet_commands()
    {
        using var kioskA = await broker.ConnectWithBundleAsync(broker.Fleet, "s", "a");
        await kioskA.SubscribeAsync("ka/v1/fleet/s/a/#", "ka/v1/agent/s/a/#");
        using var desk = await broker.ConnectDeskAsync(SecuredBrokerFixture.DeskA);
        using var kioskB = await broker.ConnectWithBundleAsync(broker.Fleet, "s", "b");
        using var fleetOperator = await broker.ConnectOperatorAsync();

        await desk.PublishAsync("ka/v1/fleet/s/a/rollout", "from-agent");
        await kioskB.PublishAsync("ka/v1/fleet/s/a/rollout", "from-kiosk-b");
        await desk.PublishAsync("ka/v1/agent/s/a/r2/desk-a", "after-agent");
        await fleetOperator.PublishAsync("ka/v1/fleet/s/a/rollout", "from-operator");

        await Eventually.TrueAsync(() => kioskA.Received.Contains("ka/v1/fleet/s/a/rollout from-operator") && kioskA.Received.Contains("ka/v1/agent/s/a/r2/desk-a after-agent"));
        Assert.DoesNotContain("ka/v1/fleet/s/a/rollout from-agent", kioskA.Received);
        Assert.DoesNotContain("ka/v1/fleet/s/a/rollout from-kiosk-b", kioskA.Received);
    }

    [Fact]
    public async Task A_certificate_from_another_ca_cannot_connect()
    {
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            using var stranger = await broker.ConnectWithBundleAsync(broker.OtherFleet, "s", "a");
            await stranger.SubscribeAsync("ka/v1/agent/s/a/+"); // TLS 1.3 reports a refused client certificate on first use
        });
    }

    [Fact]
    public async Task A_revoked_kiosk_cannot_connect()
    {
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            using var revoked = await broker.ConnectWithBundleAsync(broker.Fleet, "s", "c");
            await revoked.SubscribeAsync("ka/v1/agent/s/c/+");
        });
    }

    [Fact]
    public async Task An_agent_with_a_wrong_password_cannot_connect()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => broker.ConnectDeskAsync(SecuredBrokerFixture.DeskA, "not the password"));
    }
}
