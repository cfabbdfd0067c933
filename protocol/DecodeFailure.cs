namespace KioskAssist.Protocol;

/// <summary>Why <see cref="ProtocolJson.TryDecode{T}(System.Buffers.ReadOnlySequence{byte}, out T, out string, out DecodeFailure)"/> refused a payload; receivers count drops by it.</summary>
public enum DecodeFailure
{
    /// <summary>Decoded and valid.</summary>
    None,

    /// <summary>Empty, not JSON, invalid UTF-8, too deep, a wrong JSON type, a missing or null required field, or a field that fails its rules.</summary>
    Malformed,

    /// <summary>Over <see cref="ProtocolJson.MaxPayloadBytes"/>; not parsed at all.</summary>
    Oversized,

    /// <summary>A <c>"v"</c> this build does not speak; the rest of the payload is not looked at.</summary>
    UnsupportedVersion,
}
