using Google.Protobuf;
using KioskAssist.Intent;
using Onnx;

namespace KioskAssist.Trainer;

/// <summary>
/// Writes the intent model as an ONNX graph that ONNX Runtime runs on the kiosk.
/// </summary>
/// <remarks>
/// For each head: <c>Softmax(ReduceSum(Gather(W, indices) * values, axis 0) + b)</c>. Gathering only the rows of
/// the n-grams a question has keeps a question at a few thousand multiply-adds whatever the vocabulary size.
/// Opset 17 and plain operators only, so any ONNX Runtime from 1.14 on (x64 or the Pi's arm64) can run it.
/// </remarks>
public static class OnnxGraphWriter
{
    private const long OpsetVersion = 17;
    private const long IrVersion = 8;

    public static void Write(string path, LinearHead intents, LinearHead? languages, string modelVersion)
    {
        ArgumentNullException.ThrowIfNull(intents);
        var graph = new GraphProto { Name = "kioskassist_intent" };
        graph.Input.Add(TensorInfo(ModelFiles.InputIndices, TensorProto.Types.DataType.Int64, "n"));
        graph.Input.Add(TensorInfo(ModelFiles.InputValues, TensorProto.Types.DataType.Float, "n", 1));
        graph.Initializer.Add(Int64Tensor("sum_axes", [0]));

        AddHead(graph, "intent", intents, ModelFiles.OutputIntents);
        if (languages is not null)
        {
            AddHead(graph, "language", languages, ModelFiles.OutputLanguages);
        }

        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "kioskassist-trainer",
            ModelVersion = 1,
            DocString = $"KioskAssist intent model {modelVersion}",
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = OpsetVersion });

        using var file = File.Create(path);
        model.WriteTo(file);
    }

    private static void AddHead(GraphProto graph, string name, LinearHead head, string output)
    {
        graph.Initializer.Add(FloatTensor($"{name}_weights", head.Weights, head.Features, head.Classes));
        graph.Initializer.Add(FloatTensor($"{name}_bias", head.Bias, head.Classes));
        graph.Node.Add(Node("Gather", [$"{name}_weights", ModelFiles.InputIndices], $"{name}_rows"));
        graph.Node.Add(Node("Mul", [$"{name}_rows", ModelFiles.InputValues], $"{name}_weighted"));
        var sum = Node("ReduceSum", [$"{name}_weighted", "sum_axes"], $"{name}_summed");
        sum.Attribute.Add(new AttributeProto { Name = "keepdims", Type = AttributeProto.Types.AttributeType.Int, I = 0 });
        graph.Node.Add(sum);
        graph.Node.Add(Node("Add", [$"{name}_summed", $"{name}_bias"], $"{name}_logits"));
        graph.Node.Add(Node("Softmax", [$"{name}_logits"], output));
        graph.Output.Add(TensorInfo(output, TensorProto.Types.DataType.Float, head.Classes));
    }

    private static NodeProto Node(string op, string[] inputs, string output)
    {
        var node = new NodeProto { OpType = op, Name = output };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        return node;
    }

    private static TensorProto FloatTensor(string name, float[] data, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        var bytes = new byte[data.Length * sizeof(float)];
        Buffer.BlockCopy(data, 0, bytes, 0, bytes.Length); // raw_data is little-endian, as x64 and arm64 are
        tensor.RawData = ByteString.CopyFrom(bytes);
        return tensor;
    }

    private static TensorProto Int64Tensor(string name, long[] data)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.Add(data.Length);
        tensor.Int64Data.AddRange(data);
        return tensor;
    }

    /// <summary>A tensor's declared type; each dimension is a size or a symbolic name.</summary>
    private static ValueInfoProto TensorInfo(string name, TensorProto.Types.DataType type, params object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var dim in dims)
        {
            shape.Dim.Add(dim is string symbol
                ? new TensorShapeProto.Types.Dimension { DimParam = symbol }
                : new TensorShapeProto.Types.Dimension { DimValue = Convert.ToInt64(dim, System.Globalization.CultureInfo.InvariantCulture) });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }
}
