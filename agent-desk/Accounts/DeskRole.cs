using System.Text.Json.Serialization;

namespace KioskAssist.AgentDesk.Accounts;

/// <summary>
/// What a desk account may do. Stored and sent as the lower-case word (<c>agent</c>, <c>staff</c>, <c>admin</c>),
/// whatever serializer options the caller uses.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<DeskRole>))]
public enum DeskRole
{
    /// <summary>A remote agent: takes help requests from the queue and chats with shoppers.</summary>
    [JsonStringEnumMemberName("agent")]
    Agent,

    /// <summary>Store staff on the floor of one site: hears that site's alerts, never claims or chats.</summary>
    [JsonStringEnumMemberName("staff")]
    Staff,

    /// <summary>An agent who also manages the desk's accounts.</summary>
    [JsonStringEnumMemberName("admin")]
    Admin,
}
