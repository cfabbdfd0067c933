namespace KioskAssist.Trainer.Tuning;

/// <summary>
/// One encoder layer's weights (or their gradients): matrices row-major [in × out] as ONNX's MatMul takes them,
/// hidden size D, feed-forward size F. Not thread-safe.
/// </summary>
internal sealed class LayerTensors
{
    public LayerTensors(int hidden, int feedForward, float[][]? tensors = null)
    {
        Hidden = hidden;
        FeedForward = feedForward;
        Tensors = tensors ?? [.. Enum.GetValues<LayerTensor>().Select(t => new float[Length(t)])];
        foreach (var tensor in Enum.GetValues<LayerTensor>())
        {
            if (Tensors[(int)tensor].Length != Length(tensor))
            {
                throw new InvalidDataException($"Encoder layer tensor {tensor} has {Tensors[(int)tensor].Length} values, expected {Length(tensor)}.");
            }
        }
    }

    public int Hidden { get; }

    public int FeedForward { get; }

    /// <summary>Indexed by <see cref="LayerTensor"/>.</summary>
    public float[][] Tensors { get; }

    public float[] this[LayerTensor tensor] => Tensors[(int)tensor];

    /// <summary>Whether weight decay applies: matrices, not biases or layer-norm parameters.</summary>
    public static bool IsMatrix(LayerTensor tensor) => tensor is LayerTensor.QueryWeight or LayerTensor.KeyWeight or LayerTensor.ValueWeight
        or LayerTensor.AttentionOutputWeight or LayerTensor.IntermediateWeight or LayerTensor.OutputWeight;

    public int Length(LayerTensor tensor) => tensor switch
    {
        LayerTensor.IntermediateWeight or LayerTensor.OutputWeight => Hidden * FeedForward,
        LayerTensor.IntermediateBias => FeedForward,
        _ when IsMatrix(tensor) => Hidden * Hidden,
        _ => Hidden,
    };

    public LayerTensors Clone() => new(Hidden, FeedForward, [.. Tensors.Select(t => (float[])t.Clone())]);
}
