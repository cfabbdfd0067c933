namespace KioskAssist.Protocol.Messages;

/// <summary>What a rollout replaces on the kiosk.</summary>
public enum RolloutKind
{
    /// <summary>The intent model directory (the files <c>ModelFiles.Every</c> names in models/intent, and any its manifest checksums).</summary>
    Model,

    /// <summary>The answer catalog (answers.json).</summary>
    Answers,
}
