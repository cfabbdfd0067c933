namespace KioskAssist.FirmwareHost.HelpCall;

/// <summary>What became of a shopper's rating.</summary>
public enum RatingResult
{
    Rated,

    /// <summary>The score is not 1 to 3.</summary>
    BadScore,

    /// <summary>Not the last call an agent resolved, or already rated.</summary>
    NotRatable,
}
