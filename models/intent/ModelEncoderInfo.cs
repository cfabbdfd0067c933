namespace KioskAssist.Intent;

/// <summary>A frozen sentence encoder a model was trained with; a different encoder is refused at load.</summary>
/// <param name="Name">An <see cref="Encoders.EncoderSpec"/> name, e.g. <c>all-MiniLM-L6-v2</c>.</param>
/// <param name="Sha256">SHA-256 of the encoder's ONNX bytes (lower-case hex).</param>
/// <param name="Dimension">Length of its sentence vector.</param>
/// <param name="Scale">The unit-length sentence vector is multiplied by this before it joins the n-gram features.</param>
public sealed record ModelEncoderInfo(string Name, string Sha256, int Dimension, float Scale);
