namespace KioskAssist.Protocol.Messages;

/// <summary>What a kiosk did with a rollout (or an abort), as it reports it.</summary>
public enum RolloutOutcome
{
    /// <summary>Checked, loaded, self-checked and swapped in: the kiosk now runs the new version.</summary>
    Applied,

    /// <summary>Not taken: bad signature, checksum or size, not newer, not for this kiosk, rollouts disabled. Nothing changed.</summary>
    Refused,

    /// <summary>
    /// The kiosk went back to (or stayed on) the previous version: the candidate failed its self-check, the rolled-out
    /// version failed to load at start, or the operator aborted a rollout the kiosk had applied.
    /// </summary>
    RolledBack,
}
