using KioskAssist.Intent;

namespace KioskAssist.Trainer;

/// <summary>Seeded k-fold split that deals every label's rows out over the folds in turn, so each fold holds the same share of each label.</summary>
/// <remarks>
/// Used to choose the threshold and minimum confidence on every training row (each scored by a model that did not
/// train on it) instead of on one 20% hold-out: with one hold-out, adding a few rows reshuffles which questions it
/// holds and the recall floor or the minimum confidence can jump; with every row scored once, one edit moves them little.
/// </remarks>
public static class StratifiedFolds
{
    /// <summary>The fold (0 … <paramref name="folds"/> − 1) of each example, in the examples' order.</summary>
    public static int[] Assign(IReadOnlyList<LabeledExample> examples, int folds, int seed)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var random = new Random(seed);
        var assignment = new int[examples.Count];
        var next = 0;
        foreach (var group in Enumerable.Range(0, examples.Count).GroupBy(i => examples[i].Intent).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var rows = group.ToArray();
            random.Shuffle(rows);

            // Carry on dealing where the last label stopped, so small labels do not all start in fold 0.
            foreach (var row in rows)
            {
                assignment[row] = next;
                next = (next + 1) % folds;
            }
        }

        return assignment;
    }
}
