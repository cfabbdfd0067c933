using System.Diagnostics;
using KioskAssist.Intent;
using KioskAssist.Tests.Support;

namespace KioskAssist.Tests.BadInput;

/// <summary>
/// The model's path (normaliser, n-grams, MiniLM encoder, ONNX head) on pathological 10,000-character inputs: it looks
/// at the first <see cref="TextNormalizer.MaxCharacters"/> only, so the result equals that of the cut text and the
/// time stays bounded.
/// </summary>
[Trait("Category", "Integration")]
public sealed class LongTextBoundsTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(2); // generous for a loaded 2-core machine; the measured time is printed

    private readonly IntentModel _model = IntentModel.Load(RepoPaths.CheckoutModel);

    public static TheoryData<string, string> Texts() => new()
    {
        { "words", Repeat("where are the toilets please ", 10_000) },
        { "one 10,000-letter word", new string('a', 10_000) },
        { "emoji (surrogate pairs)", Repeat("\U0001F600\U0001F64F\U0001F3FD", 10_000) },
        { "combining marks", Repeat("a\u0301\u0302\u0303\u0304\u0305\u0306", 10_000) },
        { "U+FDFA (18 characters each after NFKD)", new string('\uFDFA', 10_000) },
        { "Arabic", Repeat("\u0623\u064A\u0646 \u062F\u0648\u0631\u0629 \u0627\u0644\u0645\u064A\u0627\u0647 ", 10_000) },
        { "control characters and NUL", Repeat("\u0000\u0001\u0007\u001b[2J\u007f", 10_000) },
        { "HTML and script", Repeat("<script>alert(1)</script><img src=x onerror=alert(1)>", 10_000) },
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void A_10000_character_text_costs_what_its_first_1000_characters_cost(string kind, string text)
    {
        Assert.Equal(10_000, text.Length);
        _model.Predict(text[..TextNormalizer.MaxCharacters]); // warm: the first run of a shape allocates

        var started = Stopwatch.GetTimestamp();
        var features = _model.Featurizer.Featurize(text);
        var prediction = _model.Predict(text);
        var elapsed = Stopwatch.GetElapsedTime(started);

        output.WriteLine($"{kind}: featurize + predict {elapsed.TotalMilliseconds:F1} ms, {features.Count} features");
        Assert.True(elapsed < Bound, $"{kind} took {elapsed.TotalMilliseconds:F0} ms");
        var cut = _model.Featurizer.Featurize(text[..TextNormalizer.MaxCharacters]);
        Assert.Equal(cut.Indices, features.Indices);
        Assert.Equal(cut.Values, features.Values);
        Assert.Equal(_model.Predict(text[..TextNormalizer.MaxCharacters]), prediction);
    }

    private static string Repeat(string piece, int length)
    {
        var text = string.Concat(Enumerable.Repeat(piece, (length / piece.Length) + 1));
        return char.IsHighSurrogate(text[length - 1]) ? text[..(length - 1)] + "x" : text[..length];
    }

    public void Dispose() => _model.Dispose();
}
