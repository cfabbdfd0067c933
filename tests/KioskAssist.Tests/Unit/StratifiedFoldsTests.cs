using KioskAssist.Intent;
using KioskAssist.Trainer;

namespace KioskAssist.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class StratifiedFoldsTests
{
    [Fact]
    public void Every_label_is_dealt_evenly_over_the_folds()
    {
        LabeledExample[] examples =
        [
            .. Enumerable.Range(0, 23).Select(i => new LabeledExample($"a{i}", "a", "en")),
            .. Enumerable.Range(0, 7).Select(i => new LabeledExample($"b{i}", "b", "en")),
            .. Enumerable.Range(0, 11).Select(i => new LabeledExample($"c{i}", "oos", "id")),
        ];

        var folds = StratifiedFolds.Assign(examples, 5, seed: 13);

        Assert.Equal(examples.Length, folds.Length);
        Assert.All(folds, f => Assert.InRange(f, 0, 4));
        foreach (var label in new[] { "a", "b", "oos" })
        {
            var counts = Enumerable.Range(0, 5).Select(f => examples.Where((e, i) => e.Intent == label && folds[i] == f).Count()).ToArray();
            Assert.True(counts.Max() - counts.Min() <= 1, $"{label}: {string.Join(",", counts)}");
        }

        // Fold sizes differ by at most one overall, too: small labels do not all start in fold 0.
        var sizes = folds.GroupBy(f => f).Select(g => g.Count()).ToArray();
        Assert.True(sizes.Max() - sizes.Min() <= 1, string.Join(",", sizes));
    }

    [Fact]
    public void The_same_seed_gives_the_same_folds_and_another_seed_other_ones()
    {
        var examples = Enumerable.Range(0, 40).Select(i => new LabeledExample($"t{i}", i % 3 == 0 ? "oos" : "x", "en")).ToArray();

        Assert.Equal(StratifiedFolds.Assign(examples, 4, seed: 13), StratifiedFolds.Assign(examples, 4, seed: 13));
        Assert.NotEqual(StratifiedFolds.Assign(examples, 4, seed: 13), StratifiedFolds.Assign(examples, 4, seed: 14));
    }

    [Fact]
    public void Needs_at_least_two_folds()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StratifiedFolds.Assign([new LabeledExample("x", "a", "en")], 1, seed: 13));
    }
}
