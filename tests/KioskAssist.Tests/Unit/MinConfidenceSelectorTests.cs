using KioskAssist.Trainer;

namespace KioskAssist.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class MinConfidenceSelectorTests
{
    [Fact]
    public void Cuts_off_the_low_band_where_wrong_answers_outnumber_right_ones()
    {
        ScoredExample[] heldOut =
        [
            Right(0.9f), Right(0.8f), Right(0.6f), Right(0.4f),
            Wrong(0.35f), Wrong(0.33f), Right(0.3f), Wrong(0.25f), OutOfScope(0.2f), Right(0.1f),
        ];

        // Below 0.4: two right answers (0.3, 0.1) against four wrong ones (0.35, 0.33, 0.25 and the answered oos at 0.2).
        Assert.Equal(0.4f, MinConfidenceSelector.Choose(heldOut));
        Assert.Equal((2, 4), MinConfidenceSelector.Cost(heldOut, 0f, 0.4f));
    }

    [Fact]
    public void Stays_at_zero_when_no_low_band_holds_more_wrong_answers_than_right()
    {
        ScoredExample[] heldOut = [Right(0.9f), Wrong(0.5f), Right(0.3f), Right(0.2f), Wrong(0.15f), Right(0.1f)];

        Assert.Equal(0f, MinConfidenceSelector.Choose(heldOut));
    }

    [Fact]
    public void Takes_the_lowest_cut_among_equally_good_ones()
    {
        // Cutting below 0.35 refuses the wrong answer at 0.2; cutting below 0.9 gains no more (one more right, one more
        // wrong refused), so the kiosk keeps answering 0.35–0.9.
        ScoredExample[] heldOut = [Right(0.9f), Wrong(0.4f), Right(0.35f), Wrong(0.2f)];

        Assert.Equal(0.35f, MinConfidenceSelector.Choose(heldOut));
    }

    [Fact]
    public void Counts_only_what_the_oos_class_and_the_threshold_let_through()
    {
        ScoredExample[] heldOut =
        [
            Right(0.9f), Right(0.5f),
            new(true, false, 0.45f, OutOfScopeClassWins: true), new(true, false, 0.42f, OutOfScopeClassWins: true),
            Wrong(0.3f), Wrong(0.05f),
        ];

        Assert.Equal(0.5f, MinConfidenceSelector.Choose(heldOut));
        // Above a threshold of 0.1 only the wrong answer at 0.3 is left to cut.
        Assert.Equal(0.5f, MinConfidenceSelector.Choose(heldOut, threshold: 0.1f));
        Assert.Equal((0, 1), MinConfidenceSelector.Cost(heldOut, 0.1f, 0.5f));
    }

    [Fact]
    public void When_every_answer_is_wrong_refuses_them_all()
    {
        ScoredExample[] heldOut = [Wrong(0.7f), OutOfScope(0.6f)];

        var chosen = MinConfidenceSelector.Choose(heldOut);

        Assert.True(chosen > 0.7f);
        Assert.Equal((0, 2), MinConfidenceSelector.Cost(heldOut, 0f, chosen));
    }

    [Fact]
    public void An_in_scope_budget_keeps_the_best_cut_that_refuses_few_enough_right_answers()
    {
        ScoredExample[] heldOut =
        [
            Right(0.8f), Right(0.7f), Right(0.6f), Right(0.5f),
            Wrong(0.45f), Wrong(0.4f), Wrong(0.35f), Right(0.3f), Wrong(0.2f), Wrong(0.1f),
        ];

        // Without a budget: below 0.5, one right answer against five wrong ones.
        Assert.Equal(0.5f, MinConfidenceSelector.Choose(heldOut));
        Assert.Equal((1, 5), MinConfidenceSelector.Cost(heldOut, 0f, 0.5f));

        // No right answer may be refused: the best cut short of the one at 0.3.
        Assert.Equal(0.3f, MinConfidenceSelector.Choose(heldOut, maxInScopeCost: 0));
        Assert.Equal((0, 2), MinConfidenceSelector.Cost(heldOut, 0f, 0.3f));

        // One in ten may: the unbudgeted cut fits.
        Assert.Equal(0.5f, MinConfidenceSelector.Choose(heldOut, maxInScopeCost: 0.1));

        // A threshold that already refused a right answer (at 0.05) spends that one of the eleven's budget.
        ScoredExample[] withRefusedRight = [.. heldOut, Right(0.05f)];
        Assert.Equal(0.3f, MinConfidenceSelector.Choose(withRefusedRight, threshold: 0.1f, maxInScopeCost: 1 / 11.0));
    }

    private static ScoredExample Right(float confidence) => new(false, true, confidence, false);

    private static ScoredExample Wrong(float confidence) => new(false, false, confidence, false);

    private static ScoredExample OutOfScope(float confidence) => new(true, false, confidence, false);
}
