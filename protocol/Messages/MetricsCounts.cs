namespace KioskAssist.Protocol.Messages;

/// <summary>What a kiosk counted over a period (since it started, or one UTC day); part of <see cref="KioskMetricsMessage"/>.</summary>
/// <param name="Answered">Typed questions the model answered (not rejected as unsure). Common-question buttons are not counted.</param>
/// <param name="Rejected">Typed questions the model was unsure of, so the kiosk said so instead of guessing.</param>
/// <param name="HelpRequested">Calls for a person started (button, screen, or the assistant's routing).</param>
/// <param name="HandedToPerson">Claims accepted: a call an agent took. A call released and claimed again counts twice.</param>
public sealed record MetricsCounts(int Answered, int Rejected, int HelpRequested, int HandedToPerson)
{
    public static MetricsCounts Zero { get; } = new(0, 0, 0, 0);

    /// <summary>Null when every count is possible, else what is wrong.</summary>
    public string? Validate(string field) =>
        Answered < 0 || Rejected < 0 || HelpRequested < 0 || HandedToPerson < 0 ? $"{field} has a negative count" : null;

    /// <summary>True when no count is above the other's: a day's counts never exceed the counts since start.</summary>
    public bool FitsWithin(MetricsCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Answered <= other.Answered && Rejected <= other.Rejected && HelpRequested <= other.HelpRequested && HandedToPerson <= other.HandedToPerson;
    }
}
