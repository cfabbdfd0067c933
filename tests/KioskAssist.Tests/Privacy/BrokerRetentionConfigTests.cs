using KioskAssist.Provisioning;
using KioskAssist.Tests.Provisioning;

namespace KioskAssist.Tests.Privacy;

/// <summary>
/// Issue #12's "transcript in the broker's store after expiry": the Mosquitto configuration kafleet writes bounds how
/// long the broker keeps offline sessions' queued messages, and Mosquitto accepts it (the fixture starts it).
/// </summary>
[Trait("Category", "Integration")]
public sealed class BrokerRetentionConfigTests(SecuredBrokerFixture broker) : IClassFixture<SecuredBrokerFixture>
{
    [Fact]
    public void The_broker_configuration_expires_persistent_sessions_of_clients_that_stay_away()
    {
        var config = File.ReadAllLines(Path.Combine(broker.Fleet.File("broker"), BrokerConfigWriter.ConfigFile));

        Assert.Contains($"persistent_client_expiration {BrokerConfigWriter.SessionExpiration}", config);
        Assert.Equal("1d", BrokerConfigWriter.SessionExpiration);
    }
}
