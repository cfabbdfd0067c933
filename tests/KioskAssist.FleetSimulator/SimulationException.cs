namespace KioskAssist.FleetSimulator;

/// <summary>A run that cannot start or finish for a reason the operator can fix (a limit, a broker that is not there).</summary>
public sealed class SimulationException : Exception
{
    public SimulationException()
    {
    }

    public SimulationException(string message)
        : base(message)
    {
    }

    public SimulationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
