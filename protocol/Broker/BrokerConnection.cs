using System.Buffers;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace KioskAssist.Protocol.Broker;

/// <summary>
/// The one owner of an MQTT connection: connects, reconnects with capped exponential backoff and jitter,
/// re-subscribes after every connect, and hands each incoming message to <see cref="MessageReceived"/>.
/// </summary>
/// <remarks>
/// Sessions are persistent (fixed client id, clean session off) so QoS 1 messages sent while the client was away
/// are delivered when it returns. Every publish is QoS 1. A handler that throws is logged and the message dropped;
/// it never reaches MQTTnet's receive loop. Thread-safe; <see cref="RunAsync"/> is called once.
/// The caller owns the instance and disposes it.
/// </remarks>
public sealed class BrokerConnection : IAsyncDisposable
{
    private readonly BrokerSettings _settings;
    private readonly string _clientId;
    private readonly LastWill? _will;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IMqttClient _client;
    private readonly List<string> _subscriptions = [];
    private readonly Lock _gate = new();
    private readonly RepeatGate _refusedLog;
    private MqttProtocolVersion _version; // 5 unless configured 3.1.1 or the broker turned 5 down; read and written by the connect loop
    private TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _disconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public BrokerConnection(BrokerSettings settings, string clientId, LastWill? will, TimeProvider time, ILogger logger)
    {
        _settings = settings;
        _clientId = Ids.Check(clientId);
        _version = settings.ProtocolVersion == 500 ? MqttProtocolVersion.V500 : MqttProtocolVersion.V311;
        _will = will;
        _time = time;
        _refusedLog = new RepeatGate(time, RefusedLogPeriod);
        _logger = logger;
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
        _client.DisconnectedAsync += args =>
        {
            if (args.ClientWasConnected)
            {
                lock (_gate)
                {
                    // From now on, waiting for a connection waits for the next one.
                    if (_connected.Task.IsCompleted)
                    {
                        _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
                    }
                }

                _disconnected.TrySetResult();
            }

            return Task.CompletedTask;
        };
    }

    /// <summary>
    /// The largest packet this client takes, in bytes; 0 for no limit. Sent to the broker at connect on MQTT 5, so the
    /// broker drops a larger message for this client instead of sending it (a 60 MB message is never read into memory).
    /// MQTT 3.1.1 cannot say it: there the broker's own <c>max_packet_size</c> and its ACL are the bound.
    /// </summary>
    public uint MaximumPacketBytes { get; init; }

    /// <summary>Called for every message on a subscribed topic. Must not block for long: it holds up the receive loop.</summary>
    public Func<string, ReadOnlySequence<byte>, Task>? MessageReceived { get; set; }

    /// <summary>Called after each (re)connect and re-subscribe, e.g. to publish presence and flush an outbox.</summary>
    public Func<CancellationToken, Task>? Connected { get; set; }

    /// <summary>Raised with true after a connect and false after a loss; for status lights and health.</summary>
    public event Action<bool>? ConnectionChanged;

    public bool IsConnected => _client.IsConnected;

    /// <summary>The MQTT version in use: 5 where configured and the broker speaks it, else 3.1.1.</summary>
    public bool UsesMqtt5 => _version == MqttProtocolVersion.V500;

    /// <summary>Adds topic filters, kept for every later reconnect; applied now when connected.</summary>
    public async Task SubscribeAsync(IEnumerable<string> filters, CancellationToken cancellationToken)
    {
        string[] added;
        lock (_gate)
        {
            added = [.. filters.Where(f => !_subscriptions.Contains(f))];
            _subscriptions.AddRange(added);
        }

        if (added.Length > 0 && _client.IsConnected)
        {
            await SubscribeOnBrokerAsync(added, cancellationToken);
        }
    }

    /// <summary>
    /// Removes topic filters added with <see cref="SubscribeAsync"/>, here and on the broker when connected (e.g. a
    /// rollout package once it arrived, so a reconnect does not fetch it again).
    /// </summary>
    public async Task UnsubscribeAsync(IEnumerable<string> filters, CancellationToken cancellationToken)
    {
        string[] removed;
        lock (_gate)
        {
            removed = [.. filters.Where(_subscriptions.Remove)];
        }

        if (removed.Length > 0 && _client.IsConnected)
        {
            var builder = new MqttClientUnsubscribeOptionsBuilder();
            foreach (var filter in removed)
            {
                builder.WithTopicFilter(filter);
            }

            await _client.UnsubscribeAsync(builder.Build(), cancellationToken);
        }
    }

    /// <summary>Completes when connected (immediately if already).</summary>
    public Task WaitUntilConnectedAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _connected.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Publishes at QoS 1 and waits for the broker's acknowledgement. False when not connected or refused.</summary>
    public Task<bool> TryPublishAsync(string topic, byte[] payload, bool retain, CancellationToken cancellationToken) =>
        TryPublishAsync(topic, payload, retain, expiry: null, cancellationToken);

    /// <summary>
    /// As above, and on MQTT 5 the broker deletes the message after <paramref name="expiry"/> if it has not delivered it
    /// (queued for an offline session, or retained). MQTT 3.1.1 has no message expiry: there the broker's
    /// <c>persistent_client_expiration</c> bounds how long it keeps queued messages.
    /// </summary>
    public async Task<bool> TryPublishAsync(string topic, byte[] payload, bool retain, TimeSpan? expiry, CancellationToken cancellationToken)
    {
        if (!_client.IsConnected)
        {
            return false;
        }

        var builder = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain);
        if (expiry is { } after && _version == MqttProtocolVersion.V500)
        {
            builder.WithMessageExpiryInterval((uint)Math.Clamp(after.TotalSeconds, 1, uint.MaxValue));
        }

        var message = builder.Build();
        try
        {
            var result = await _client.PublishAsync(message, cancellationToken);
            if (!result.IsSuccess)
            {
                LogRefused(topic, result.ReasonCode.ToString());
            }

            return result.IsSuccess;
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException or MQTTnet.Adapter.MqttConnectingFailedException)
        {
            BrokerLog.PublishFailed(_logger, topic, e.Message);
            return false;
        }
    }

    /// <summary>How often a refused publish is logged while the broker keeps refusing (a revoked kiosk's outbox retries every second).</summary>
    public static readonly TimeSpan RefusedLogPeriod = TimeSpan.FromMinutes(1);

    private void LogRefused(string topic, string reason)
    {
        if (!_refusedLog.ShouldLog(out var heldBack))
        {
            return;
        }

        if (heldBack == 0)
        {
            BrokerLog.PublishRefused(_logger, topic, reason);
        }
        else
        {
            BrokerLog.PublishRefusedAgain(_logger, topic, reason, heldBack);
        }
    }

    /// <summary>
    /// Publishes a hint at QoS 0, not retained (a "typing" signal): worthless when late, so never queued or retried.
    /// False when not connected or the client failed.
    /// </summary>
    public async Task<bool> TryPublishHintAsync(string topic, byte[] payload, CancellationToken cancellationToken)
    {
        if (!_client.IsConnected)
        {
            return false;
        }

        var message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce).Build();
        try
        {
            return (await _client.PublishAsync(message, cancellationToken)).IsSuccess;
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException or MQTTnet.Adapter.MqttConnectingFailedException)
        {
            BrokerLog.PublishFailed(_logger, topic, e.Message);
            return false;
        }
    }

    /// <summary>
    /// Drops the connection so <see cref="RunAsync"/> connects again at once. Every connect reads the client certificate
    /// and key files anew, so this is how a renewed certificate is taken into use without a restart. The session is kept
    /// (same client id, clean session off), so nothing queued for the client is lost.
    /// </summary>
    public async Task ReconnectAsync(CancellationToken cancellationToken)
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptions(), cancellationToken);
        }
    }

    /// <summary>Connects and stays connected until <paramref name="stoppingToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ConnectOnceAsync(stoppingToken);
                failures = 0;
                await _disconnected.Task.WaitAsync(stoppingToken);
                BrokerLog.Disconnected(_logger, _settings.Describe());
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                failures++;
                BrokerLog.ConnectFailed(_logger, _settings.Describe(), failures, e.Message);
                if (_client.IsConnected)
                {
                    // Connected, but subscribing or the Connected callback failed: start clean next time.
                    await _client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None);
                }
            }

            lock (_gate)
            {
                if (_connected.Task.IsCompleted)
                {
                    _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }

            ConnectionChanged?.Invoke(false);
            try
            {
                await Task.Delay(Backoff(failures), _time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None);
        }
    }

    private async Task ConnectOnceAsync(CancellationToken stoppingToken)
    {
        _disconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            await _client.ConnectAsync(BuildOptions(), timeout.Token);
        }
        catch (Exception e) when (_version == MqttProtocolVersion.V500 && RefusesMqtt5(e))
        {
            // A broker without MQTT 5 (Mosquitto before 1.6): 3.1.1 works everywhere, only without reason codes on refusals.
            BrokerLog.FallingBackToMqtt311(_logger, _settings.Describe());
            _version = MqttProtocolVersion.V311;
            await _client.ConnectAsync(BuildOptions(), timeout.Token);
        }

        string[] filters;
        lock (_gate)
        {
            filters = [.. _subscriptions];
        }

        if (filters.Length > 0)
        {
            await SubscribeOnBrokerAsync(filters, stoppingToken);
        }

        BrokerLog.Connected(_logger, _settings.Describe(), _clientId);
        lock (_gate)
        {
            _connected.TrySetResult();
        }

        ConnectionChanged?.Invoke(true);
        if (Connected is { } connected)
        {
            await connected(stoppingToken);
        }
    }

    /// <summary>
    /// The broker answered, but not in MQTT 5: CONNACK "unsupported protocol version" (MQTTnet puts the code in the
    /// message), or a 3.1.1 CONNACK that does not parse as a 5 one. A network failure is not this.
    /// </summary>
    private static bool RefusesMqtt5(Exception e) =>
        (e is MQTTnet.Adapter.MqttConnectingFailedException && e.Message.Contains(nameof(MqttClientConnectResultCode.UnsupportedProtocolVersion), StringComparison.Ordinal))
        || e is MQTTnet.Exceptions.MqttProtocolViolationException;

    private async Task SubscribeOnBrokerAsync(IEnumerable<string> filters, CancellationToken cancellationToken)
    {
        var builder = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in filters)
        {
            builder.WithTopicFilter(f => f.WithTopic(filter).WithAtLeastOnceQoS());
        }

        await _client.SubscribeAsync(builder.Build(), cancellationToken);
    }

    private MqttClientOptions BuildOptions()
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_settings.Host, _settings.Port)
            .WithClientId(_clientId)
            .WithProtocolVersion(_version)
            .WithCleanSession(false)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(_settings.KeepAliveSeconds))
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (_version == MqttProtocolVersion.V500)
        {
            builder.WithSessionExpiryInterval((uint)TimeSpan.FromDays(1).TotalSeconds); // v5 keeps no session without it
            if (MaximumPacketBytes > 0)
            {
                builder.WithMaximumPacketSize(MaximumPacketBytes);
            }
        }

        if (_will is not null)
        {
            builder.WithWillTopic(_will.Topic).WithWillPayload(_will.Payload).WithWillRetain(true)
                .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        }

        if (_settings.Username.Length > 0)
        {
            builder.WithCredentials(_settings.Username, _settings.Password);
        }

        if (_settings.UseTls)
        {
            builder.WithTlsOptions(ConfigureTls);
        }

        return builder.Build();
    }

    private void ConfigureTls(MqttClientTlsOptionsBuilder tls)
    {
        tls.UseTls().WithTargetHost(_settings.Host);
        if (_settings.CaCertificateFile.Length > 0)
        {
            var trust = new X509Certificate2Collection();
            trust.ImportFromPemFile(_settings.CaCertificateFile);
            tls.WithTrustChain(trust);
        }

        if (_settings.ClientCertificateFile.Length > 0)
        {
            using var pem = X509Certificate2.CreateFromPemFile(_settings.ClientCertificateFile, _settings.ClientKeyFile);
            // Re-import so the private key is usable by SslStream on every platform.
            tls.WithClientCertificates([X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null)]);
        }
    }

    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        if (MessageReceived is not { } handler)
        {
            return;
        }

        try
        {
            await handler(args.ApplicationMessage.Topic, args.ApplicationMessage.Payload);
        }
#pragma warning disable CA1031 // A bad message or a failing handler must never take the connection down.
        catch (Exception e)
#pragma warning restore CA1031
        {
            BrokerLog.HandlerFailed(_logger, args.ApplicationMessage.Topic, e);
        }
    }

    private TimeSpan Backoff(int failures)
    {
        var seconds = Math.Min(_settings.ReconnectMaxSeconds, _settings.ReconnectMinSeconds * Math.Pow(2, Math.Max(0, failures - 1)));
        var jitter = 0.8 + (Random.Shared.NextDouble() * 0.4); // ±20% so a store's kiosks do not reconnect in lockstep
        return TimeSpan.FromSeconds(seconds * jitter);
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None);
        }

        _client.Dispose();
    }
}
