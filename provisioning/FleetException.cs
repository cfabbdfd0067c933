namespace KioskAssist.Provisioning;

/// <summary>Something the operator can fix (a missing CA, a bad id, a clash); shown as one line, exit code 2.</summary>
public sealed class FleetException : Exception
{
    public FleetException(string message)
        : base(message)
    {
    }

    public FleetException()
    {
    }

    public FleetException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
