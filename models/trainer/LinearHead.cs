namespace KioskAssist.Trainer;

/// <summary>A trained linear layer over the sparse features (its softmax gives the probabilities): one weight row per vocabulary entry.</summary>
/// <param name="Weights">Row-major [features × classes].</param>
/// <param name="Bias">One per class.</param>
public sealed record LinearHead(float[] Weights, float[] Bias, int Features, int Classes);
