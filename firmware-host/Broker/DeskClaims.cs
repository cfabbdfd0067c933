using KioskAssist.FirmwareHost.Storage;

namespace KioskAssist.FirmwareHost.Broker;

/// <summary>
/// Which desk claimed each of this kiosk's requests, as the broker authenticated it (the last level of the agent-action
/// topic, which the ACL pins to the desk's own login). Later actions on a request are taken only from that desk, so a
/// desk cannot act for another desk's agent by writing an agent id into the payload. Saved in <c>kiosk.db</c>
/// (<c>desk_claim</c>), so a restart keeps it.
/// </summary>
/// <remarks>
/// Thread-safe (one pooled connection per call). The broker link calls it from its receive loop, one message at a
/// time, so the check before an action and the record after it cannot interleave with another action.
/// </remarks>
public sealed class DeskClaims(KioskDatabase database)
{
    /// <summary>The desk that claimed <paramref name="requestId"/>; null when none did (open, or never claimed).</summary>
    public string? DeskOf(string requestId)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT desk FROM desk_claim WHERE request_id = $id";
        command.Parameters.AddWithValue("$id", requestId);
        return command.ExecuteScalar() as string;
    }

    /// <summary>Records the claiming desk (replacing an earlier one: the request was released and claimed again).</summary>
    public void Claimed(string requestId, string desk)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO desk_claim (request_id, desk) VALUES ($id, $desk) ON CONFLICT (request_id) DO UPDATE SET desk = excluded.desk";
        command.Parameters.AddWithValue("$id", requestId);
        command.Parameters.AddWithValue("$desk", desk);
        command.ExecuteNonQuery();
    }

    /// <summary>The request was released (any desk may claim it again) or finished.</summary>
    public void Forget(string requestId)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM desk_claim WHERE request_id = $id";
        command.Parameters.AddWithValue("$id", requestId);
        command.ExecuteNonQuery();
    }
}
