using System.ComponentModel.DataAnnotations;

namespace KioskAssist.Protocol.Broker;

/// <summary>How to reach the MQTT broker. Bound from the <c>Broker</c> configuration section of each host.</summary>
public sealed class BrokerSettings
{
    public const string Section = "Broker";

    /// <summary>Broker host name or address. Empty on the kiosk means: run the embedded broker on loopback.</summary>
    public string Host { get; set; } = string.Empty;

    [Range(1, 65535)]
    public int Port { get; set; } = 1883;

    /// <summary>
    /// MQTT 5 (<c>500</c>, the default) or 3.1.1 (<c>311</c>). On 5 a publish the broker refuses (its ACL) comes back with a
    /// reason code, so the kiosk keeps the message as not delivered; 3.1.1 drops it silently. A broker that does not speak 5
    /// is reached with 3.1.1. The protocol's messages are the same on both.
    /// </summary>
    [Range(311, 500)]
    public int ProtocolVersion { get; set; } = 500;

    public bool UseTls { get; set; }

    /// <summary>PEM file of the CA that signed the broker's certificate (TLS only); empty to use the system's trust store.</summary>
    public string CaCertificateFile { get; set; } = string.Empty;

    /// <summary>PEM certificate and key for mutual TLS; both or neither.</summary>
    public string ClientCertificateFile { get; set; } = string.Empty;

    public string ClientKeyFile { get; set; } = string.Empty;

    public string Username { get; set; } = string.Empty;

    /// <summary>Never logged. Comes from the environment or a 0600 file, never from the repository.</summary>
    public string Password { get; set; } = string.Empty;

    [Range(5, 600)]
    public int KeepAliveSeconds { get; set; } = 15;

    /// <summary>First wait before reconnecting; doubles after each failure up to <see cref="ReconnectMaxSeconds"/>.</summary>
    [Range(0.05, 60)]
    public double ReconnectMinSeconds { get; set; } = 0.5;

    [Range(1, 600)]
    public int ReconnectMaxSeconds { get; set; } = 30;

    public string Describe() => $"{(UseTls ? "mqtts" : "mqtt")}://{Host}:{Port} (MQTT {(ProtocolVersion == 500 ? "5" : "3.1.1")})";
}
