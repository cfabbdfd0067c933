using System.Text.Json.Serialization;

namespace KioskAssist.Intent;

/// <summary>A frozen sentence encoder a model was trained with; a different encoder is refused at load.</summary>
/// <param name="Name">An <see cref="Encoders.EncoderSpec"/> name, e.g. <c>all-MiniLM-L6-v2</c>.</param>
/// <param name="Sha256">SHA-256 of the encoder's ONNX bytes (lower-case hex).</param>
/// <param name="Dimension">Length of its sentence vector.</param>
/// <param name="Scale">The unit-length sentence vector is multiplied by this before it joins the n-gram features.</param>
public sealed record ModelEncoderInfo(string Name, string Sha256, int Dimension, float Scale)
{
    // Absent rather than null in manifest.json, so a model with the package's encoder has the same manifest as before.

    /// <summary>
    /// The encoder's ONNX file inside the model directory (e.g. its int8 version), or null when it is read from the
    /// NuGet package's DLL beside the application.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OnnxFile { get; init; }

    /// <summary>Its WordPiece vocabulary inside the model directory; set together with <see cref="OnnxFile"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? VocabularyFile { get; init; }

    /// <summary>What the ONNX file is, e.g. <c>int8</c> (weights quantized by the trainer); null for the package's own.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Variant { get; init; }
}
