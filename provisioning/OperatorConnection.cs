using System.Buffers;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Formatter;

namespace KioskAssist.Provisioning;

/// <summary>
/// kafleet's one connection to the broker, for one command, as one operator: mutual TLS with the operator's certificate,
/// the fleet CA as the only trust anchor, MQTT 3.1.1 and a clean session (the broker keeps nothing between commands).
/// Unlike the kiosk's <c>BrokerConnection</c> it never reconnects: a command that loses the broker fails with one line.
/// </summary>
/// <remarks>
/// A named operator connects to the operator port with a client id of its own plus a random suffix, so any number of
/// kafleet commands run at once; the original <c>kafleet-operator</c> uses the kiosks' port, where the broker forces the
/// client id to the CN and a second command disconnects the first. <see cref="MessageReceived"/> runs on MQTTnet's
/// receive loop and must not block. The caller disposes the instance.
/// </remarks>
public sealed class OperatorConnection : IAsyncDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    private readonly IMqttClient _client;

    private OperatorConnection(IMqttClient client, string address, OperatorIdentity identity)
    {
        _client = client;
        Address = address;
        Identity = identity;
        _client.ApplicationMessageReceivedAsync += args =>
        {
            MessageReceived?.Invoke(args.ApplicationMessage.Topic, args.ApplicationMessage.Payload);
            return Task.CompletedTask;
        };
    }

    /// <summary>Every message on a subscribed topic; the payload is valid only during the call.</summary>
    public event Action<string, ReadOnlySequence<byte>>? MessageReceived;

    /// <summary>The broker as <c>mqtts://host:port</c>.</summary>
    public string Address { get; }

    public OperatorIdentity Identity { get; }

    /// <summary>False once the broker dropped the connection.</summary>
    public bool IsConnected => _client.IsConnected;

    /// <summary>Connects as the command's acting operator (<see cref="OperatorIdentity.Current"/>, else the original one).</summary>
    /// <param name="port">The kiosks' mutual-TLS port; a named operator uses the operator port broker-config remembered instead.</param>
    /// <exception cref="FleetException">The operator's files are missing, or the broker cannot be reached or refuses the operator.</exception>
    public static async Task<OperatorConnection> ConnectAsync(FleetDirectory fleet, string host, int port, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        fleet.RequireCa();
        var identity = OperatorIdentity.IsSet ? OperatorIdentity.Current : OperatorIdentity.Original(fleet);
        foreach (var file in new[] { identity.CertificateFile, identity.KeyFile })
        {
            if (!File.Exists(file))
            {
                throw new FleetException($"{file} is missing: the operator's certificate comes from 'kafleet {(identity.Named ? "operator add" : "ca init")}'.");
            }
        }

        if (port is < 1 or > 65535)
        {
            throw new FleetException($"--broker-port {port} is not a port number.");
        }

        if (identity.Named)
        {
            port = RememberedBroker.Load(fleet).OperatorPort
                ?? throw new FleetException($"no operator port is known in {fleet.Path}: run 'kafleet broker-config' (it writes the operators' listener and remembers it).");
        }

        var clientId = identity.Named ? $"{identity.BrokerUser}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}" : identity.BrokerUser;
        var address = $"mqtts://{host}:{port}";
        var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithCleanSession(true)
            .WithTimeout(ConnectTimeout)
            .WithTlsOptions(tls =>
            {
                tls.UseTls().WithTargetHost(host);
                var trust = new X509Certificate2Collection();
                trust.ImportFromPemFile(fleet.CaCertificate);
                tls.WithTrustChain(trust);
                using var pem = X509Certificate2.CreateFromPemFile(identity.CertificateFile, identity.KeyFile);
                // Re-import so the private key is usable by SslStream on every platform (as the kiosk does).
                tls.WithClientCertificates([X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null)]);
            })
            .Build();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ConnectTimeout);
            var result = await client.ConnectAsync(options, timeout.Token);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                throw new FleetException($"the broker at {address} refused {identity.BrokerUser}: {result.ResultCode}.");
            }
        }
        catch (Exception e) when (IsConnectionFailure(e, cancellationToken))
        {
            client.Dispose();
            throw new FleetException($"cannot connect to the broker at {address} as {identity.BrokerUser}: {Reason(e)}", e);
        }
        catch
        {
            client.Dispose();
            throw;
        }

        return new OperatorConnection(client, address, identity);
    }

    /// <summary>Subscribes at QoS 1; retained messages on the filters arrive right after.</summary>
    /// <exception cref="FleetException">The broker refused a filter (the ACL) or the connection broke.</exception>
    public async Task SubscribeAsync(IReadOnlyList<string> filters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filters);
        var builder = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in filters)
        {
            builder.WithTopicFilter(f => f.WithTopic(filter).WithAtLeastOnceQoS());
        }

        MqttClientSubscribeResult result;
        try
        {
            result = await _client.SubscribeAsync(builder.Build(), cancellationToken);
        }
        catch (Exception e) when (IsConnectionFailure(e, cancellationToken))
        {
            // With TLS 1.3 a refused client certificate (revoked, another CA) shows only here, on first use.
            throw new FleetException($"the broker at {Address} dropped {Identity.BrokerUser}: {Reason(e)}", e);
        }

        var refused = result.Items.Where(item => (int)item.ResultCode >= 0x80).Select(item => item.TopicFilter.Topic).ToList();
        if (refused.Count > 0)
        {
            throw new FleetException($"the broker at {Address} refused the subscription to {string.Join(", ", refused)} (check the ACL from 'kafleet broker-config').");
        }
    }

    /// <summary>Publishes at QoS 1 and waits for the broker's acknowledgement.</summary>
    /// <exception cref="FleetException">The broker refused the message or the connection broke.</exception>
    public async Task PublishAsync(string topic, byte[] payload, bool retain, CancellationToken cancellationToken)
    {
        var message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag(retain).Build();
        try
        {
            var result = await _client.PublishAsync(message, cancellationToken);
            if (!result.IsSuccess)
            {
                throw new FleetException($"the broker at {Address} refused the message on {topic}: {result.ReasonCode}.");
            }
        }
        catch (Exception e) when (IsConnectionFailure(e, cancellationToken))
        {
            throw new FleetException($"the broker at {Address} dropped {Identity.BrokerUser} while publishing on {topic}: {Reason(e)}", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            try
            {
                await _client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None);
            }
            catch (MQTTnet.Exceptions.MqttCommunicationException)
            {
                // Gone already: nothing to say goodbye to.
            }
        }

        _client.Dispose();
    }

    private static bool IsConnectionFailure(Exception e, CancellationToken cancellationToken) =>
        e is MQTTnet.Exceptions.MqttCommunicationException or MQTTnet.Adapter.MqttConnectingFailedException or AuthenticationException
            or IOException or System.Net.Sockets.SocketException or InvalidOperationException
        || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private static string Reason(Exception e) =>
        e is OperationCanceledException ? $"no answer within {ConnectTimeout.TotalSeconds:F0} s" : (e.InnerException ?? e).Message;
}
