using KioskAssist.Intent;
using KioskAssist.Trainer.Reports;

namespace KioskAssist.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class RejectionCurveTests
{
    private static readonly string[] Truth = ["pay_later", "pay_later", "oos", "oos"];

    private static readonly IntentPrediction[] Predictions =
    [
        new("pay_later", 0.9f, "pay_later", "en", 1f),
        new("pay_later", 0.4f, "receipt_request", "en", 1f),
        new("pay_later", 0.3f, "pay_later", "en", 1f),
        new("oos", 0.95f, "pay_later", "en", 1f) { RejectedAtAnyThreshold = true },
    ];

    [Fact]
    public void Raising_the_threshold_rejects_more_and_makes_the_answers_given_more_accurate()
    {
        var open = RejectionCurve.At(Truth, Predictions, 0);
        var strict = RejectionCurve.At(Truth, Predictions, 0.5);

        Assert.Equal(0.25, open.RejectionRate, 6);
        Assert.Equal(1 / 3.0, open.AnsweredAccuracy, 6);
        Assert.Equal(0.5, open.OutOfScopeRecall, 6);
        Assert.Equal(0.75, strict.RejectionRate, 6);
        Assert.Equal(1.0, strict.AnsweredAccuracy, 6);
        Assert.Equal(1.0, strict.OutOfScopeRecall, 6);
        Assert.Equal(0.5, strict.InScopeAccuracy, 6);
    }

    [Fact]
    public void A_question_the_model_put_in_oos_itself_stays_rejected_at_every_threshold()
    {
        Assert.All(RejectionCurve.Compute(Truth, Predictions, steps: 10), point => Assert.True(point.RejectionRate >= 0.25));
    }

    [Fact]
    public void Charts_are_self_contained_svg()
    {
        var curve = RejectionCurveSvg.Render(RejectionCurve.Compute(Truth, Predictions), RejectionCurve.At(Truth, Predictions, 0.5));
        var matrix = ConfusionMatrixSvg.Render(Truth, [.. Predictions.Select(p => p.Intent)]);

        foreach (var svg in new[] { curve, matrix })
        {
            var document = System.Xml.Linq.XDocument.Parse(svg);
            Assert.Equal("svg", document.Root!.Name.LocalName);
            Assert.DoesNotContain("<script", svg, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("polyline", curve, StringComparison.Ordinal);
        Assert.Contains("oos → pay_later", matrix, StringComparison.Ordinal);
    }
}
