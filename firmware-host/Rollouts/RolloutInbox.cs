using System.Threading.Channels;

namespace KioskAssist.FirmwareHost.Rollouts;

/// <summary>
/// Hands fleet messages from the broker link's receive loop to the <see cref="RolloutAgent"/>, which checks and loads
/// candidates (seconds of work) on its own loop so the link keeps receiving. Thread-safe.
/// </summary>
public sealed class RolloutInbox
{
    private readonly Channel<Item> _items = Channel.CreateUnbounded<Item>(new UnboundedChannelOptions { SingleReader = true });

    internal ChannelReader<Item> Reader => _items.Reader;

    /// <summary>A message on a fleet topic (command, abort or package); the payload is copied by the caller.</summary>
    public void Post(string topic, byte[] payload) => _items.Writer.TryWrite(new Item(topic, payload));

    /// <summary>The link (re)connected: reports that could not be sent can go now.</summary>
    public void PostConnected() => _items.Writer.TryWrite(new Item(null, []));

    /// <param name="Topic">Null for "connected".</param>
    internal sealed record Item(string? Topic, byte[] Payload);
}
