namespace KioskAssist.PosSimulator;

/// <summary>Where the simulator sends events: a kiosk's HTTP endpoint or its MQTT topic.</summary>
public interface IPosSender : IAsyncDisposable
{
    /// <summary>Sends one encoded event; returns what the kiosk said (HTTP status) or "published".</summary>
    Task<string> SendAsync(byte[] cloudEvent, CancellationToken cancellationToken);
}
