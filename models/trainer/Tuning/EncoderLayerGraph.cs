using Google.Protobuf;
using Onnx;

namespace KioskAssist.Trainer.Tuning;

/// <summary>
/// The encoder layers inside a BERT-style sentence encoder's ONNX graph (as exported by Hugging Face): their weights,
/// the hidden state entering each, and a copy of the graph with some layers' weights replaced.
/// </summary>
/// <remarks>
/// Each layer has six constant MatMuls, in graph order query, key, value, attention output, intermediate, output;
/// biases and layer-norm parameters are the initializers named <c>encoder.layer.{i}.…</c>. A graph of another shape
/// is refused with the reason rather than tuned wrongly.
/// </remarks>
internal sealed class EncoderLayerGraph
{
    private static readonly LayerTensor[] MatrixOrder =
    [
        LayerTensor.QueryWeight, LayerTensor.KeyWeight, LayerTensor.ValueWeight,
        LayerTensor.AttentionOutputWeight, LayerTensor.IntermediateWeight, LayerTensor.OutputWeight,
    ];

    private static readonly Dictionary<LayerTensor, string> VectorNames = new()
    {
        [LayerTensor.QueryBias] = "attention.self.query.bias",
        [LayerTensor.KeyBias] = "attention.self.key.bias",
        [LayerTensor.ValueBias] = "attention.self.value.bias",
        [LayerTensor.AttentionOutputBias] = "attention.output.dense.bias",
        [LayerTensor.AttentionNormScale] = "attention.output.LayerNorm.weight",
        [LayerTensor.AttentionNormBias] = "attention.output.LayerNorm.bias",
        [LayerTensor.IntermediateBias] = "intermediate.dense.bias",
        [LayerTensor.OutputBias] = "output.dense.bias",
        [LayerTensor.OutputNormScale] = "output.LayerNorm.weight",
        [LayerTensor.OutputNormBias] = "output.LayerNorm.bias",
    };

    private readonly ModelProto _model;
    private readonly string[][] _tensorNames;

    private EncoderLayerGraph(ModelProto model, string[][] tensorNames, string[] layerInputs, LayerTensors[] layers, float normEpsilon)
    {
        _model = model;
        _tensorNames = tensorNames;
        LayerInputs = layerInputs;
        Layers = layers;
        NormEpsilon = normEpsilon;
    }

    /// <summary>Each layer's weights, bottom first.</summary>
    public IReadOnlyList<LayerTensors> Layers { get; }

    /// <summary>Name of the graph value (the hidden states [batch × tokens × D]) that enters each layer.</summary>
    public IReadOnlyList<string> LayerInputs { get; }

    /// <summary>The layer norms' epsilon, read from the graph.</summary>
    public float NormEpsilon { get; }

    public static EncoderLayerGraph Read(byte[] onnx)
    {
        var model = ModelProto.Parser.ParseFrom(onnx);
        var graph = model.Graph;
        var initializers = graph.Initializer.ToDictionary(i => i.Name);
        var matMuls = graph.Node.Where(n => n.OpType == "MatMul" && initializers.ContainsKey(n.Input[1])).ToList();
        if (matMuls.Count == 0 || matMuls.Count % MatrixOrder.Length != 0)
        {
            throw new InvalidDataException($"The encoder has {matMuls.Count} constant MatMuls; a BERT layer has {MatrixOrder.Length}, so it cannot be tuned.");
        }

        var count = matMuls.Count / MatrixOrder.Length;
        var names = new string[count][];
        var inputs = new string[count];
        var layers = new LayerTensors[count];
        for (var layer = 0; layer < count; layer++)
        {
            names[layer] = new string[Enum.GetValues<LayerTensor>().Length];
            for (var m = 0; m < MatrixOrder.Length; m++)
            {
                names[layer][(int)MatrixOrder[m]] = matMuls[(layer * MatrixOrder.Length) + m].Input[1];
            }

            foreach (var (tensor, suffix) in VectorNames)
            {
                names[layer][(int)tensor] = $"encoder.layer.{layer}.{suffix}";
            }

            var missing = names[layer].FirstOrDefault(n => !initializers.ContainsKey(n));
            if (missing is not null)
            {
                throw new InvalidDataException($"The encoder has no initializer '{missing}', so it cannot be tuned.");
            }

            inputs[layer] = matMuls[layer * MatrixOrder.Length].Input[0];
            var hidden = initializers[names[layer][(int)LayerTensor.QueryBias]].Dims[0];
            var feedForward = initializers[names[layer][(int)LayerTensor.IntermediateBias]].Dims[0];
            layers[layer] = new LayerTensors((int)hidden, (int)feedForward, [.. names[layer].Select(n => FloatsOf(initializers[n]))]);
        }

        return new EncoderLayerGraph(model, names, inputs, layers, NormEpsilonOf(graph, initializers));
    }

    /// <summary>The graph with <paramref name="tuned"/> replacing its top layers' weights.</summary>
    public byte[] WithTopLayers(IReadOnlyList<LayerTensors> tuned)
    {
        var model = _model.Clone();
        var initializers = model.Graph.Initializer.ToDictionary(i => i.Name);
        var first = Layers.Count - tuned.Count;
        for (var k = 0; k < tuned.Count; k++)
        {
            foreach (var tensor in Enum.GetValues<LayerTensor>())
            {
                var target = initializers[_tensorNames[first + k][(int)tensor]];
                var bytes = new byte[tuned[k][tensor].Length * sizeof(float)];
                Buffer.BlockCopy(tuned[k][tensor], 0, bytes, 0, bytes.Length); // little-endian, as x64 and arm64
                target.FloatData.Clear();
                target.RawData = ByteString.CopyFrom(bytes);
            }
        }

        return model.ToByteArray();
    }

    /// <summary>The graph with the hidden states entering <paramref name="layer"/> added as an output of that name.</summary>
    public byte[] WithLayerInputOutput(int layer)
    {
        var model = _model.Clone();
        model.Graph.Output.Add(new ValueInfoProto
        {
            Name = LayerInputs[layer],
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float } },
        });
        return model.ToByteArray();
    }

    private static float[] FloatsOf(TensorProto tensor)
    {
        if (tensor.FloatData.Count > 0)
        {
            return [.. tensor.FloatData];
        }

        var values = new float[tensor.RawData.Length / sizeof(float)];
        Buffer.BlockCopy(tensor.RawData.ToByteArray(), 0, values, 0, values.Length * sizeof(float));
        return values;
    }

    /// <summary>ε in the first layer norm's Sqrt(variance + ε), from a Constant node or an initializer.</summary>
    private static float NormEpsilonOf(GraphProto graph, Dictionary<string, TensorProto> initializers)
    {
        var producers = new Dictionary<string, NodeProto>();
        foreach (var node in graph.Node)
        {
            foreach (var output in node.Output)
            {
                producers[output] = node;
            }
        }

        var sqrt = graph.Node.FirstOrDefault(n => n.OpType == "Sqrt")
            ?? throw new InvalidDataException("The encoder has no Sqrt, so its layer norms are not the expected shape.");
        if (producers.TryGetValue(sqrt.Input[0], out var add) && add.OpType == "Add")
        {
            foreach (var input in add.Input)
            {
                var constant = initializers.GetValueOrDefault(input)
                    ?? (producers.TryGetValue(input, out var node) && node.OpType == "Constant" ? node.Attribute.First(a => a.Name == "value").T : null);
                if (constant is not null && constant.DataType == (int)TensorProto.Types.DataType.Float)
                {
                    return FloatsOf(constant)[0];
                }
            }
        }

        throw new InvalidDataException("The encoder's layer-norm epsilon could not be read from its graph.");
    }
}
