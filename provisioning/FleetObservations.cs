using System.Buffers;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;

namespace KioskAssist.Provisioning;

/// <summary>
/// What <c>status</c> heard from the broker: the latest presence and metrics per kiosk, and every message it could not
/// use. Payloads are decoded strictly (<see cref="ProtocolJson"/>); a payload that names another kiosk than its topic is
/// refused too, since the topic is what the broker's ACL vouches for. Thread-safe: messages arrive on MQTTnet's loop.
/// </summary>
public sealed class FleetObservations
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Site, string Kiosk), PresenceMessage> _presence = [];
    private readonly Dictionary<(string Site, string Kiosk), KioskMetricsMessage> _metrics = [];
    private readonly List<MalformedMessage> _malformed = [];

    /// <summary>The topic filters to subscribe to: every kiosk's, or one site's.</summary>
    public static IReadOnlyList<string> Filters(string? site) => site is null
        ? [Topics.AllPresence, Topics.AllMetrics]
        : [$"{Topics.Root}/presence/{Ids.Check(site)}/+", $"{Topics.Root}/reports/{Ids.Check(site)}/+/metrics"];

    public void Observe(string topic, ReadOnlySequence<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var parts = topic.Split('/');
        var isPresence = parts is ["ka", "v1", "presence", _, _];
        var isMetrics = parts is ["ka", "v1", "reports", _, _, "metrics"];
        if ((!isPresence && !isMetrics) || !Ids.IsValid(parts[3]) || !Ids.IsValid(parts[4]))
        {
            Refuse(topic, "not a presence or metrics topic");
            return;
        }

        var key = (parts[3], parts[4]);
        if (payload.Length == 0)
        {
            // An empty retained payload clears the topic: nothing to report.
            return;
        }

        if (isPresence)
        {
            if (Decode<PresenceMessage>(topic, payload, key, m => (m.Site, m.Kiosk)) is { } presence)
            {
                lock (_gate)
                {
                    _presence[key] = presence;
                }
            }
        }
        else if (Decode<KioskMetricsMessage>(topic, payload, key, m => (m.Site, m.Kiosk)) is { } metrics)
        {
            lock (_gate)
            {
                _metrics[key] = metrics;
            }
        }
    }

    public PresenceMessage? PresenceOf(string site, string kiosk)
    {
        lock (_gate)
        {
            return _presence.GetValueOrDefault((site, kiosk));
        }
    }

    public KioskMetricsMessage? MetricsOf(string site, string kiosk)
    {
        lock (_gate)
        {
            return _metrics.GetValueOrDefault((site, kiosk));
        }
    }

    /// <summary>Every kiosk heard from, presence or metrics.</summary>
    public IReadOnlyList<(string Site, string Kiosk)> Kiosks()
    {
        lock (_gate)
        {
            return [.. _presence.Keys.Union(_metrics.Keys)];
        }
    }

    public IReadOnlyList<MalformedMessage> Malformed()
    {
        lock (_gate)
        {
            return [.. _malformed];
        }
    }

    private T? Decode<T>(string topic, ReadOnlySequence<byte> payload, (string Site, string Kiosk) key, Func<T, (string, string)> names)
        where T : class, IProtocolMessage
    {
        if (!ProtocolJson.TryDecode<T>(payload, out var message, out var problem))
        {
            Refuse(topic, problem);
            return null;
        }

        if (names(message) != key)
        {
            var (site, kiosk) = names(message);
            Refuse(topic, $"the payload is about {site}/{kiosk}, not {key.Site}/{key.Kiosk}");
            return null;
        }

        return message;
    }

    private void Refuse(string topic, string problem)
    {
        lock (_gate)
        {
            _malformed.Add(new MalformedMessage(topic, problem));
        }
    }
}
