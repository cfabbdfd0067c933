using KioskAssist.FirmwareHost.Broker;
using KioskAssist.FirmwareHost.Conversation;
using KioskAssist.FirmwareHost.HelpCall;

namespace KioskAssist.FirmwareHost.Hardware;

/// <summary>Plays the light pattern that matches the help call, changing the moment the call changes.</summary>
public sealed class StatusLight(
    ILightOutput output, HelpCallCoordinator help, IBrokerLinkState link, OutboxDelivery delivery, TimeProvider time, ILogger<StatusLight> logger,
    ShopperConversation conversation)
    : BackgroundService
{
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile int _pattern = (int)LightPattern.Off;

    public LightPattern Pattern => (LightPattern)_pattern;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        help.Changed += Recompute;
        delivery.Delivered += Recompute;
        conversation.CheckoutChanged += Recompute;
        conversation.Cleared += Recompute;
        link.Changed += OnConnectionChanged;
        try
        {
            Recompute();
            while (!stoppingToken.IsCancellationRequested)
            {
                // Take the change signal before reading the pattern, so a change in between is never missed.
                var change = Volatile.Read(ref _changed).Task;
                foreach (var (on, milliseconds) in LightPatterns.Steps(Pattern))
                {
                    output.Set(on);
                    // A held step waits for the next change; a blink step waits its time or a change, whichever is first.
                    var wait = milliseconds == 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(milliseconds);
                    if (await ChangedWithinAsync(change, wait, stoppingToken))
                    {
                        break;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            help.Changed -= Recompute;
            delivery.Delivered -= Recompute;
            conversation.CheckoutChanged -= Recompute;
            conversation.Cleared -= Recompute;
            link.Changed -= OnConnectionChanged;
            output.Set(false);
        }
    }

    /// <summary>True when the pattern changed before <paramref name="wait"/> ran out.</summary>
    private async Task<bool> ChangedWithinAsync(Task change, TimeSpan wait, CancellationToken stoppingToken)
    {
        // The delay is cancelled when the change wins too, so a held step leaves no timer behind it.
        using var step = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var delay = Task.Delay(wait, time, step.Token);
        var first = await Task.WhenAny(change, delay);
        await step.CancelAsync();
        stoppingToken.ThrowIfCancellationRequested();
        return first == change;
    }

    private void OnConnectionChanged(bool connected) => Recompute();

    private void Recompute()
    {
        // A call's pattern wins; with no call, the checkout's message may ask for the shopper's attention.
        var call = help.View();
        var pattern = call is null && conversation.Snapshot().Checkout?.Notice is { } notice
            ? notice.Light
            : LightPatterns.For(call, link.IsUp);
        if ((int)pattern != Interlocked.Exchange(ref _pattern, (int)pattern))
        {
            Log.LightPatternChanged(logger, pattern.ToString());
            Interlocked.Exchange(ref _changed, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
    }
}
