namespace KioskAssist.Tests.BadInput;

/// <summary>One payload a receiver must drop, and what kind of bad it is (for failure messages and per-kind counts).</summary>
public sealed record BadPayload(string Kind, byte[] Bytes)
{
    public override string ToString() => $"{Kind} ({Bytes.Length} bytes)";
}
