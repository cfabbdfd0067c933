namespace KioskAssist.Protocol.Messages;

/// <summary>What a rollout replaces on the kiosk.</summary>
public enum RolloutKind
{
    /// <summary>The intent model directory (model.onnx, labels.txt, vocab.txt, golden.json, manifest.json).</summary>
    Model,

    /// <summary>The answer catalog (answers.json).</summary>
    Answers,
}
