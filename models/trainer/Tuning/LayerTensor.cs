namespace KioskAssist.Trainer.Tuning;

/// <summary>The 16 weight tensors of one BERT encoder layer, in the order <see cref="LayerTensors"/> keeps them.</summary>
internal enum LayerTensor
{
    QueryWeight,
    QueryBias,
    KeyWeight,
    KeyBias,
    ValueWeight,
    ValueBias,
    AttentionOutputWeight,
    AttentionOutputBias,
    AttentionNormScale,
    AttentionNormBias,
    IntermediateWeight,
    IntermediateBias,
    OutputWeight,
    OutputBias,
    OutputNormScale,
    OutputNormBias,
}
