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

    [Fact]
    public void An_in_scope_budget_stops_the_recall_floor_from_taking_right_answers()
    {
        // 100 right in-scope answers at 0.01 … 1.00; out-of-scope questions at 0.05, 0.1, 0.5, 0.9 (plus 16 the oos class rejects).
        ScoredExample[] heldOut =
        [
            .. Enumerable.Range(1, 100).Select(i => InScope(i / 100f)),
            OutOfScope(0.05f), OutOfScope(0.1f), OutOfScope(0.5f), OutOfScope(0.9f),
            .. Enumerable.Range(0, 16).Select(_ => new ScoredExample(true, false, 0.3f, OutOfScopeClassWins: true)),
        ];

        // The 0.9 floor needs 18 of 20 rejected: 0.11, which refuses 10 right answers.
        Assert.Equal(0.11f, ThresholdSelector.Choose(heldOut, minOutOfScopeRecall: 0.9));

        // With a 5% budget: the highest threshold that refuses at most 5 of them (0.06, recall 85%), short of the floor.
        var budgeted = ThresholdSelector.Choose(heldOut, minOutOfScopeRecall: 0.9, maxInScopeCost: 0.05);
        Assert.Equal(0.06f, budgeted);
        Assert.Equal((0.95, 0.85), ThresholdSelector.Measure(heldOut, budgeted));

        // A budget the floor fits in changes nothing.
        Assert.Equal(0.11f, ThresholdSelector.Choose(heldOut, minOutOfScopeRecall: 0.9, maxInScopeCost: 0.5));
    }

    private static ScoredExample InScope(float confidence, bool correct = true) => new(false, correct, confidence, false);

    private static ScoredExample OutOfScope(float confidence) => new(true, false, confidence, false);
}
