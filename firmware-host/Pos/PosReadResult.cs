namespace KioskAssist.FirmwareHost.Pos;

/// <summary>What became of one POS event: read (<see cref="Event"/>) or refused (<see cref="Rejection"/> with a reason safe to log).</summary>
public sealed record PosReadResult(PosEvent? Event, PosRejection? Rejection, string? Problem)
{
    public static PosReadResult Read(PosEvent e) => new(e, null, null);

    public static PosReadResult Refused(PosRejection why, string problem) => new(null, why, problem);
}
