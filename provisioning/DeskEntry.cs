namespace KioskAssist.Provisioning;

/// <summary>
/// An agent desk's broker identity: the id is the MQTT user name (and, forced by the broker, the client id), the hash
/// is a mosquitto_passwd <c>$7$</c> line's hash part, and <paramref name="Sites"/> are the sites whose requests the desk
/// may read and act on. People (agents) have no broker identity: they sign in to a desk.
/// </summary>
public sealed record DeskEntry(string Id, string Name, string PasswordHash, IReadOnlyList<string> Sites, DateTimeOffset AddedAt);
