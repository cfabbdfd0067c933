using Google.Protobuf;
using Onnx;

namespace KioskAssist.Trainer;

/// <summary>
/// Makes the int8 version of a float sentence encoder: same inputs and outputs, about a quarter of the weight bytes,
/// and on CPUs with int8 dot products (x64 AVX-512 VNNI / AVX2, arm64 NEON dot) several times faster per question.
/// </summary>
/// <remarks>
/// Every <c>MatMul</c> by a constant 2-D weight becomes ONNX Runtime's <c>DynamicQuantizeMatMul</c> (com.microsoft):
/// weights symmetric int8 with one scale per output column, activations quantized on the fly per call. The token
/// embedding table (the largest tensor, read by <c>Gather</c>) is stored as int8 rows with one scale per row and
/// turned back into floats after the lookup, so only the rows of a question's tokens are ever dequantized.
/// Attention's activation-by-activation products, layer norms and biases stay float. Deterministic: the same
/// input bytes give the same output bytes.
/// </remarks>
public static class EncoderQuantizer
{
    public const string Variant = "int8";
    private const string MicrosoftDomain = "com.microsoft";

    public static byte[] Quantize(byte[] onnx)
    {
        ArgumentNullException.ThrowIfNull(onnx);
        var model = ModelProto.Parser.ParseFrom(onnx);
        var graph = model.Graph;
        var initializers = graph.Initializer.ToDictionary(i => i.Name);
        var replaced = new HashSet<string>(StringComparer.Ordinal);
        var nodes = new List<NodeProto>();
        foreach (var node in graph.Node)
        {
            if (node.OpType == "MatMul" && IsFloatMatrix(initializers, node.Input[1], out var weight))
            {
                nodes.Add(QuantizedMatMul(graph, node, weight));
                replaced.Add(weight.Name);
            }
            else if (node.OpType == "Gather" && IsFloatMatrix(initializers, node.Input[0], out var table) && table.Dims[0] > 4096)
            {
                nodes.AddRange(QuantizedGather(graph, node, table));
                replaced.Add(table.Name);
            }
            else
            {
                nodes.Add(node);
            }
        }

        if (replaced.Count == 0)
        {
            throw new InvalidDataException("The encoder has no constant matrix products to quantize.");
        }

        graph.Node.Clear();
        graph.Node.AddRange(nodes);
        var kept = graph.Initializer.Where(i => !replaced.Contains(i.Name)).ToList();
        graph.Initializer.Clear();
        graph.Initializer.AddRange(kept);
        if (!model.OpsetImport.Any(o => o.Domain == MicrosoftDomain))
        {
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = MicrosoftDomain, Version = 1 });
        }

        return model.ToByteArray();
    }

    private static bool IsFloatMatrix(Dictionary<string, TensorProto> initializers, string name, out TensorProto tensor) =>
        initializers.TryGetValue(name, out tensor!) && tensor.Dims.Count == 2 && tensor.DataType == (int)TensorProto.Types.DataType.Float;

    /// <summary>Y = A · W with W [k, n] int8, one scale per column n.</summary>
    private static NodeProto QuantizedMatMul(GraphProto graph, NodeProto node, TensorProto weight)
    {
        var (rows, columns) = ((int)weight.Dims[0], (int)weight.Dims[1]);
        var values = FloatsOf(weight);
        var scales = new float[columns];
        for (var i = 0; i < values.Length; i++)
        {
            scales[i % columns] = Math.Max(scales[i % columns], Math.Abs(values[i]));
        }

        ToScales(scales);
        var quantized = new sbyte[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            quantized[i] = Round(values[i], scales[i % columns]);
        }

        var name = weight.Name;
        graph.Initializer.Add(Int8Tensor(name + "_int8", quantized, rows, columns));
        graph.Initializer.Add(FloatTensor(name + "_scale", scales, columns));
        graph.Initializer.Add(Int8Tensor(name + "_zero", new sbyte[columns], columns));
        var quantizedNode = new NodeProto { OpType = "DynamicQuantizeMatMul", Domain = MicrosoftDomain, Name = node.Name + "_int8" };
        quantizedNode.Input.AddRange([node.Input[0], name + "_int8", name + "_scale", name + "_zero"]);
        quantizedNode.Output.AddRange(node.Output);
        return quantizedNode;
    }

    /// <summary>Gather(T, ids) → Cast(Gather(T_int8, ids)) · Gather(T_scale, ids), T_scale [rows, 1].</summary>
    private static NodeProto[] QuantizedGather(GraphProto graph, NodeProto node, TensorProto table)
    {
        var (rows, columns) = ((int)table.Dims[0], (int)table.Dims[1]);
        var values = FloatsOf(table);
        var scales = new float[rows];
        for (var i = 0; i < values.Length; i++)
        {
            scales[i / columns] = Math.Max(scales[i / columns], Math.Abs(values[i]));
        }

        ToScales(scales);
        var quantized = new sbyte[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            quantized[i] = Round(values[i], scales[i / columns]);
        }

        var name = table.Name;
        var output = node.Output[0];
        graph.Initializer.Add(Int8Tensor(name + "_int8", quantized, rows, columns));
        graph.Initializer.Add(FloatTensor(name + "_scale", scales, rows, 1));
        var cast = Node("Cast", [output + "_int8"], output + "_float");
        cast.Attribute.Add(new AttributeProto { Name = "to", Type = AttributeProto.Types.AttributeType.Int, I = (long)TensorProto.Types.DataType.Float });
        return
        [
            Node("Gather", [name + "_int8", node.Input[1]], output + "_int8"),
            Node("Gather", [name + "_scale", node.Input[1]], output + "_scale"),
            cast,
            Node("Mul", [output + "_float", output + "_scale"], output),
        ];
    }

    private static void ToScales(float[] maxima)
    {
        for (var i = 0; i < maxima.Length; i++)
        {
            maxima[i] = maxima[i] > 0 ? maxima[i] / 127f : 1f;
        }
    }

    private static sbyte Round(float value, float scale) => (sbyte)Math.Clamp(MathF.Round(value / scale), -127, 127);

    private static float[] FloatsOf(TensorProto tensor)
    {
        if (tensor.FloatData.Count > 0)
        {
            return [.. tensor.FloatData];
        }

        var values = new float[tensor.RawData.Length / sizeof(float)];
        Buffer.BlockCopy(tensor.RawData.ToByteArray(), 0, values, 0, values.Length * sizeof(float)); // little-endian, as x64 and arm64
        return values;
    }

    private static NodeProto Node(string op, string[] inputs, string output)
    {
        var node = new NodeProto { OpType = op, Name = output };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        return node;
    }

    private static TensorProto Int8Tensor(string name, sbyte[] data, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int8 };
        tensor.Dims.AddRange(dims);
        var bytes = new byte[data.Length];
        Buffer.BlockCopy(data, 0, bytes, 0, bytes.Length);
        tensor.RawData = ByteString.CopyFrom(bytes);
        return tensor;
    }

    private static TensorProto FloatTensor(string name, float[] data, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        var bytes = new byte[data.Length * sizeof(float)];
        Buffer.BlockCopy(data, 0, bytes, 0, bytes.Length);
        tensor.RawData = ByteString.CopyFrom(bytes);
        return tensor;
    }
}
