using KioskAssist.Trainer;

namespace KioskAssist.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class ThresholdSelectorTests
{
    [Fact]
    public void Separates_confident_in_scope_answers_from_unsure_out_of_scope_ones()
    {
        ScoredExample[] heldOut =
        [
            InScope(0.9f), InScope(0.8f), InScope(0.7f), InScope(0.35f, correct: false),
            OutOfScope(0.3f), OutOfScope(0.2f), OutOfScope(0.6f),
        ];

        var threshold = ThresholdSelector.Choose(heldOut);

        Assert.Equal(0.7f, threshold);
    }

    [Fact]
    public void Out_of_scope_examples_the_model_already_rejects_need_no_threshold()
    {
        ScoredExample[] heldOut = [InScope(0.5f), InScope(0.6f), new(true, false, 0.9f, OutOfScopeClassWins: true)];

        Assert.Equal(0f, ThresholdSelector.Choose(heldOut));
    }

    [Fact]
    public void Without_out_of_scope_data_gives_up_at_most_one_percent_of_accuracy()
    {
        var heldOut = Enumerable.Range(1, 100).Select(i => InScope(i / 100f)).ToArray();

        var threshold = ThresholdSelector.Choose(heldOut);

        Assert.Equal(0.02f, threshold);
    }

    [Fact]
    public void Chooses_the_lowest_threshold_that_rejects_the_required_share_of_out_of_scope_questions()
    {
        ScoredExample[] heldOut =
        [
            InScope(0.9f), InScope(0.6f), InScope(0.5f),
            OutOfScope(0.1f), OutOfScope(0.2f), OutOfScope(0.3f), OutOfScope(0.4f), OutOfScope(0.7f),
        ];

        Assert.Equal(0.4f, ThresholdSelector.Choose(heldOut, minOutOfScopeRecall: 0.6));
        Assert.Equal(0.5f, ThresholdSelector.Choose(heldOut, minOutOfScopeRecall: 0.8));
    }

    private static ScoredExample InScope(float confidence, bool correct = true) => new(false, correct, confidence, false);

    private static ScoredExample OutOfScope(float confidence) => new(true, false, confidence, false);
}
