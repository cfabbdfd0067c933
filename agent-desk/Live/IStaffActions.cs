using KioskAssist.Protocol.Messages;

namespace KioskAssist.AgentDesk.Live;

/// <summary>How the desk tells a kiosk that a store-staff member is on the way. The kiosk applies the first one.</summary>
public interface IStaffActions
{
    /// <summary>Publishes the acknowledgement (QoS 1, acknowledged by the broker). False when the broker is unreachable.</summary>
    Task<bool> SendStaffAckAsync(StaffAckMessage ack, CancellationToken cancellationToken);
}
