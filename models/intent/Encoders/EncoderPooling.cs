namespace KioskAssist.Intent.Encoders;

/// <summary>How a sentence encoder's per-token vectors become one sentence vector.</summary>
public enum EncoderPooling
{
    /// <summary>Average of the real (unpadded) tokens; what all-MiniLM-L6-v2 was trained for.</summary>
    Mean,

    /// <summary>The first ([CLS]) token; what arctic-embed-xs was trained for.</summary>
    Cls,
}
