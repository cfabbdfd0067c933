namespace KioskAssist.Protocol.Messages;

/// <summary>Why a person was called.</summary>
public enum HelpReason
{
    /// <summary>The physical call button.</summary>
    Button,

    /// <summary>The on-screen "Talk to a person" button.</summary>
    Screen,

    /// <summary>The assistant was not sure and the shopper took its offer of a person.</summary>
    LowConfidence,

    /// <summary>The shopper asked the same thing again.</summary>
    Repeated,

    /// <summary>The shopper typed that they want a person, or complained.</summary>
    Explicit,

    /// <summary>The checkout (POS) reported something that needs a person, e.g. an age check or a locked lane (docs/pos.md).</summary>
    Checkout,
}
