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
    ShopperConversation conversation, HelpCallCoordinator help, IBrokerLinkState link, OutboxDelivery delivery)
{
    private readonly Lock _gate = new();
    private long _version;

    /// <summary>
    /// The state now, numbered: the number is taken and the state read under one lock, so a higher version is never an
    /// older picture (see <see cref="ScreenState.Version"/>).
    /// </summary>
    public ScreenState Current()
    {
        lock (_gate)
        {
            return new(conversation.Snapshot(), help.View(), help.LastEnded, link.IsUp, ++_version);
        }
    }

    /// <summary>
    /// Waits until the active call's request has reached the broker, at most <paramref name="patience"/>; at once when
    /// there is no call, it is already delivered, or the broker is not connected (then "saved" is the truth). So the
    /// answer to a tap says "sent" when it is, instead of a "saved" that would race the event stream's "sent".
    /// </summary>
    public async Task WaitForDeliveryAsync(TimeSpan patience, CancellationToken cancellationToken)
    {
        var delivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            if (!link.IsUp || help.View() is not { Delivered: false })
            {
                delivered.TrySetResult();
            }
        }

        delivery.Delivered += Check;
        try
        {
            Check();
            await delivered.Task.WaitAsync(patience, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Slow broker: the answer says "saved" and the event stream says "sent" when it is (with a higher version).
        }
        finally
        {
            delivery.Delivered -= Check;
        }
    }

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
        conversation.CheckoutChanged += Signal;
        link.Changed += OnConnection;
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
            conversation.CheckoutChanged -= Signal;
            link.Changed -= OnConnection;
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
