using KioskAssist.Protocol.Messages;

namespace KioskAssist.AgentDesk.Live;

/// <summary>How the desk asks a kiosk for something on an agent's behalf. The kiosk decides; its answer comes back as request state.</summary>
public interface IKioskActions
{
    /// <summary>Sends the action to the kiosk (QoS 1, acknowledged by the broker). False when the broker is unreachable.</summary>
    Task<bool> SendAsync(RequestKey request, AgentActionMessage action, CancellationToken cancellationToken);
}
