using KioskAssist.Trainer;

namespace KioskAssist.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class EvaluationTests
{
    [Fact]
    public void Counts_a_rejected_in_scope_question_as_wrong_and_a_rejected_out_of_scope_one_as_recalled()
    {
        string[] truth = ["pay_later", "pay_later", "receipt_request", "oos", "oos"];
        string[] predicted = ["pay_later", "oos", "receipt_request", "oos", "pay_later"];

        var evaluation = Evaluation.Score(truth, predicted);

        Assert.Equal(2 / 3.0, evaluation.InScopeAccuracy, 6);
        Assert.Equal(0.5, evaluation.OutOfScopeRecall, 6);
        Assert.Equal(0.5, evaluation.OutOfScopePrecision, 6);
        var payLater = evaluation.PerIntent.Single(m => m.Intent == "pay_later");
        Assert.Equal(0.5, payLater.Precision, 6);
        Assert.Equal(0.5, payLater.Recall, 6);
        Assert.Contains(new ConfusedPair("pay_later", "oos", 1), evaluation.MostConfused);
        Assert.Contains(new ConfusedPair("oos", "pay_later", 1), evaluation.MostConfused);
    }

    [Fact]
    public void Reports_out_of_scope_recall_as_undefined_without_out_of_scope_questions()
    {
        var evaluation = Evaluation.Score(["greeting"], ["greeting"]);

        Assert.True(double.IsNaN(evaluation.OutOfScopeRecall));
        Assert.Equal(1.0, evaluation.InScopeAccuracy);
    }
}
