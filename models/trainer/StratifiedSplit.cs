using KioskAssist.Intent;

namespace KioskAssist.Trainer;

/// <summary>Seeded split that holds out the same share of every label, keeping at least one row of each label to train on.</summary>
public static class StratifiedSplit
{
    public static (IReadOnlyList<LabeledExample> Train, IReadOnlyList<LabeledExample> HeldOut) Split(
        IReadOnlyList<LabeledExample> examples, double heldOutFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var random = new Random(seed);
        var train = new List<LabeledExample>();
        var heldOut = new List<LabeledExample>();
        foreach (var group in examples.GroupBy(e => e.Intent).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var rows = group.ToArray();
            random.Shuffle(rows);
            var take = Math.Min(rows.Length - 1, (int)Math.Round(rows.Length * heldOutFraction));
            heldOut.AddRange(rows.Take(take));
            train.AddRange(rows.Skip(take));
        }

        return (train, heldOut);
    }
}
