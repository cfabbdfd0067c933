using KioskAssist.Protocol.Messages;

namespace KioskAssist.Provisioning;

/// <summary>A rollout as the registry records it.</summary>
/// <param name="Status"><c>published</c> or <c>aborted</c>.</param>
public sealed record RolloutRecord(string Id, RolloutKind Kind, string Version, string Sha256, long Size, string Target, DateTimeOffset CreatedAt, string Status);
