namespace KioskAssist.FirmwareHost.Broker;

/// <summary>
/// Whether the kiosk can reach the broker now, and word when that changes: what the screen, the light, the health page
/// and the senders need to know about the link, without the connection itself.
/// </summary>
public interface IBrokerLinkState
{
    /// <summary>True while connected to the broker.</summary>
    bool IsUp { get; }

    /// <summary>Raised with true on every (re)connect and with false when the link is lost.</summary>
    event Action<bool>? Changed;

    /// <summary>Completes when the link is up (at once if it is).</summary>
    Task WaitUntilUpAsync(CancellationToken cancellationToken);
}
