using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Formatter;

namespace KioskAssist.Tests.Provisioning;

/// <summary>
/// A hand-made MQTT client for a broker configured by <c>kafleet broker-config</c>: TLS trusting only the fleet's CA,
/// with a client certificate (mutual TLS, as kiosks and the operator connect) or a user name and password (as desks do).
/// </summary>
public static class SecuredMqttClient
{
    /// <exception cref="InvalidOperationException">The broker refused the connection (the client is disposed).</exception>
    public static async Task<MqttTestClient> ConnectAsync(
        int port, string caFile, string clientId, string? certificateFile = null, string? keyFile = null, string? user = null, string? password = null)
    {
        var client = new MqttTestClient(new MqttClientFactory().CreateMqttClient());
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithTimeout(TimeSpan.FromSeconds(5))
            .WithTlsOptions(tls =>
            {
                tls.UseTls().WithTargetHost("localhost");
                var trust = new X509Certificate2Collection();
                trust.ImportFromPemFile(caFile);
                tls.WithTrustChain(trust);
                if (certificateFile is not null)
                {
                    using var pem = X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
                    tls.WithClientCertificates([X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null)]);
                }
            });
        if (user is not null)
        {
            options.WithCredentials(user, password);
        }

        try
        {
            var result = await client.Mqtt.ConnectAsync(options.Build(), TestContext.Current.CancellationToken);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                throw new InvalidOperationException($"the broker refused {clientId}: {result.ResultCode}");
            }
        }
        catch
        {
            client.Dispose();
            throw;
        }

        return client;
    }
}
