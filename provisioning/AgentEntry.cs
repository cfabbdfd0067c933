namespace KioskAssist.Provisioning;

/// <summary>An agent's broker login: the id is the MQTT user name, the hash is a mosquitto_passwd <c>$7$</c> line's hash part.</summary>
public sealed record AgentEntry(string Id, string Name, string PasswordHash, DateTimeOffset AddedAt);
