using Google.Protobuf;
using KioskAssist.Intent;
using KioskAssist.Tests.Support;
using KioskAssist.Trainer;
using Onnx;

namespace KioskAssist.Tests.Integration;

/// <summary>The committed model is what the trainer makes from the committed data: nobody shipped a hand-made file.</summary>
[Trait("Category", "Integration")]
public sealed class ShippedModelReproducibilityTests
{
    [Fact]
    public void Retraining_from_the_committed_data_gives_the_committed_model()
    {
        var shipped = ModelManifest.Load(Path.Combine(RepoPaths.CheckoutModel, ModelFiles.Manifest));
        Assert.Equal(shipped.Training.DataSha256, ModelFiles.Sha256Of(RepoPaths.CheckoutTrain));
        using var temp = new TempDirectory();

        var retrained = ModelTrainer.Train(new TrainingRequest
        {
            DataPaths = [RepoPaths.CheckoutTrain],
            OutputDirectory = temp.Path,
            Name = shipped.Name,
            Version = shipped.Version,
            Encoders = [.. shipped.Encoders.Select(e => e.Name)],
            EncoderScale = shipped.Encoders[0].Scale,
            Int8Encoder = shipped.Encoders.Any(e => e.Variant == EncoderQuantizer.Variant),
            MinCount = shipped.Training.MinCount,
            MaxAccuracyLoss = shipped.Training.MaxAccuracyLoss ?? ThresholdSelector.MaxAccuracyLossWithoutOutOfScope,
            MinOutOfScopeRecall = shipped.Training.MinOutOfScopeRecall ?? ThresholdSelector.DefaultMinOutOfScopeRecall,
            MinConfidence = shipped.Training.MinConfidenceChosen ? null : shipped.MinConfidence,
            Folds = shipped.Training.Folds,
            MaxInScopeCost = shipped.Training.MaxInScopeCost ?? ThresholdSelector.NoInScopeBudget,
            Regression = new LinearHeadOptions
            {
                Seed = shipped.Training.Seed,
                Epochs = shipped.Training.Epochs,
                LearningRate = shipped.Training.LearningRate,
                L2 = shipped.Training.L2,
                LabelSmoothing = shipped.Training.LabelSmoothing,
                Loss = Enum.Parse<HeadLoss>(shipped.Training.Loss),
            },
        }, TextWriter.Null);

        Assert.Equal(shipped.Threshold, retrained.Threshold, 4);
        Assert.Equal(shipped.MinConfidence, retrained.MinConfidence, 4);
        Assert.Equal(shipped.Languages, retrained.Languages);
        Assert.Equal(shipped.Encoders, retrained.Encoders);
        foreach (var file in new[] { ModelFiles.Labels, ModelFiles.Vocabulary })
        {
            Assert.Equal(shipped.Checksums[file], retrained.Checksums[file]);
        }

        var shippedWeights = Initializers(Path.Combine(RepoPaths.CheckoutModel, ModelFiles.Onnx));
        var retrainedWeights = Initializers(Path.Combine(temp.Path, ModelFiles.Onnx));
        Assert.Equal(shippedWeights.Keys.Order(), retrainedWeights.Keys.Order());
        foreach (var (name, values) in shippedWeights)
        {
            var largestDifference = values.Zip(retrainedWeights[name], (a, b) => Math.Abs(a - b)).Max();
            Assert.True(largestDifference < 1e-4f, $"{name} differs by {largestDifference}");
        }

        using var model = IntentModel.Load(temp.Path);
        Assert.Empty(GoldenExamples.Load(Path.Combine(RepoPaths.CheckoutModel, ModelFiles.Golden)).Check(model));
    }

    private static Dictionary<string, float[]> Initializers(string onnxPath)
    {
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(onnxPath));
        return model.Graph.Initializer
            .Where(t => t.DataType == (int)TensorProto.Types.DataType.Float)
            .ToDictionary(t => t.Name, t => FloatsOf(t.RawData));
    }

    private static float[] FloatsOf(ByteString raw)
    {
        var floats = new float[raw.Length / sizeof(float)];
        Buffer.BlockCopy(raw.ToByteArray(), 0, floats, 0, raw.Length);
        return floats;
    }
}
