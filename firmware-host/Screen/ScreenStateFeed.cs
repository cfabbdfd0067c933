using System.Runtime.CompilerServices;
using System.Threading.Channels;
using KioskAssist.FirmwareHost.Broker;
using KioskAssist.FirmwareHost.Conversation;
using KioskAssist.FirmwareHost.HelpCall;

namespace KioskAssist.FirmwareHost.Screen;

/// <summary>
/// Builds the <see cref="ScreenState"/> and streams it to the page whenever something changes (a claim, a chat
/// line, delivery, the network), so "Ana is coming" appears the moment the kiosk accepts the claim.
/// </summary>
public sealed class ScreenStateFeed(
    ShopperConversation conversation, HelpCallCoordinator help, KioskBrokerLink link, OutboxDelivery delivery)
{
    public ScreenState Current() => new(conversation.Snapshot(), help.View(), help.LastEnded, link.Connection.IsConnected);

    /// <summary>The current state, then one state per change, until the page goes away.</summary>
    public async IAsyncEnumerable<ScreenState> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Only the latest state matters to a screen: a slow page skips states instead of queueing them.
        var changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
        void Signal() => changes.Writer.TryWrite(true);
        void OnConnection(bool connected) => Signal();
        help.Changed += Signal;
        delivery.Delivered += Signal;
        conversation.Cleared += Signal;
        link.Connection.ConnectionChanged += OnConnection;
        try
        {
            yield return Current();
            while (await WaitForChangeAsync(changes.Reader, cancellationToken))
            {
                changes.Reader.TryRead(out _);
                yield return Current();
            }
        }
        finally
        {
            help.Changed -= Signal;
            delivery.Delivered -= Signal;
            conversation.Cleared -= Signal;
            link.Connection.ConnectionChanged -= OnConnection;
        }
    }

    /// <summary>False when the page went away or the kiosk is stopping: the stream ends normally, not with an error.</summary>
    private static async Task<bool> WaitForChangeAsync(ChannelReader<bool> changes, CancellationToken cancellationToken)
    {
        try
        {
            return await changes.WaitToReadAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
