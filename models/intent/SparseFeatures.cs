namespace KioskAssist.Intent;

/// <summary>A text as the model sees it: indices into the vocabulary with their weights, unit length overall.</summary>
/// <param name="Indices">Vocabulary indices, ascending and distinct.</param>
/// <param name="Values">Weights, one per index.</param>
public sealed record SparseFeatures(long[] Indices, float[] Values)
{
    public int Count => Indices.Length;
}
