namespace KioskAssist.Protocol.Messages;

/// <summary>Shoppers' ratings of resolved calls over a period, by score; part of <see cref="KioskMetricsMessage"/>.</summary>
/// <param name="NotHelped">Score 1.</param>
/// <param name="Okay">Score 2.</param>
/// <param name="HelpedWell">Score 3.</param>
public sealed record RatingCounts(int NotHelped, int Okay, int HelpedWell)
{
    public static RatingCounts Zero { get; } = new(0, 0, 0);

    /// <summary>Null when every count is possible, else what is wrong.</summary>
    public string? Validate(string field) => NotHelped < 0 || Okay < 0 || HelpedWell < 0 ? $"{field} has a negative count" : null;

    /// <summary>True when no count is above the other's.</summary>
    public bool FitsWithin(RatingCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return NotHelped <= other.NotHelped && Okay <= other.Okay && HelpedWell <= other.HelpedWell;
    }

    /// <summary>These counts with one more rating of <paramref name="score"/> (1..3).</summary>
    public RatingCounts Add(int score) => score switch
    {
        1 => this with { NotHelped = NotHelped + 1 },
        2 => this with { Okay = Okay + 1 },
        3 => this with { HelpedWell = HelpedWell + 1 },
        _ => throw new ArgumentOutOfRangeException(nameof(score), score, "a rating is 1 to 3"),
    };
}
