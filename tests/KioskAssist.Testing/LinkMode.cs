namespace KioskAssist.Testing;

/// <summary>What a <see cref="TcpFaultProxy"/> does with the link.</summary>
public enum LinkMode
{
    /// <summary>Forwards both ways.</summary>
    Pass,

    /// <summary>Resets open connections and refuses new ones with RST.</summary>
    Drop,

    /// <summary>Accepts and keeps connections but forwards nothing.</summary>
    BlackHole,
}
