using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;

namespace KioskAssist.AgentDesk.Live;

/// <summary>The desk's side channels on its one connection: what it reads besides requests, and staff acknowledgements it sends.</summary>
public sealed partial class DeskBrokerLink : IStaffActions
{
    /// <summary>Every site's staff alerts: the desk shows each staff member only their own site's (checked per request).</summary>
    public const string AllStaffAlerts = Topics.Root + "/staff/+";

    private static readonly string[] SideTopics = [Topics.AllTyping, Topics.AllRatings, AllStaffAlerts, Topics.AllStaffAcks];

    /// <summary>The side channels of one site, for a desk the broker lets read only the sites it serves.</summary>
    private static string[] SideTopicsFor(string site) =>
        [$"{Topics.Root}/typing/{Ids.Check(site)}/+/+", $"{Topics.Root}/ratings/{Ids.Check(site)}/+/+", Topics.Staff(site),
            $"{Topics.Root}/staffack/{Ids.Check(site)}/+/+"];

    public async Task<bool> SendStaffAckAsync(StaffAckMessage ack, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ack);
        return await _connection.TryPublishAsync(
            Topics.StaffAck(ack.Site, ack.Kiosk, ack.RequestId), ProtocolJson.Encode(ack), retain: false, cancellationToken);
    }
}
