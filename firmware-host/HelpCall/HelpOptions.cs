using System.ComponentModel.DataAnnotations;

namespace KioskAssist.FirmwareHost.HelpCall;

/// <summary>The escalation ladder of a help call. Times in seconds.</summary>
public sealed class HelpOptions
{
    public const string Section = "Help";

    /// <summary>No claim by then: re-announce as urgent and alert the store's own staff.</summary>
    [Range(1, 3600)]
    public int UrgentAfterSeconds { get; set; } = 20;

    /// <summary>No claim by then: tell the shopper what happens next.</summary>
    [Range(1, 3600)]
    public int NoticeAfterSeconds { get; set; } = 60;

    /// <summary>No claim by then: give up, apologise, and send the shopper to the service desk.</summary>
    [Range(30, 86400)]
    public int ExpireAfterSeconds { get; set; } = 900;

    /// <summary>Most chat lines a shopper may send in one call (an abuse guard, far above any real chat).</summary>
    [Range(10, 10000)]
    public int MaxChatLines { get; set; } = 500;

    /// <summary>
    /// The wait the screen shows before the desks' queue gives a better figure and before this kiosk has seen any claim
    /// (then its recent times to claim are used).
    /// </summary>
    [Range(10, 3600)]
    public int DefaultEstimateSeconds { get; set; } = 120;

    /// <summary>
    /// A call that has heard of no desk (no queue message) this long after it opened alerts the store's staff at once:
    /// nobody may be there to answer. Shorter than the urgent step.
    /// </summary>
    [Range(1, 600)]
    public int NoDeskGraceSeconds { get; set; } = 5;

    /// <summary>
    /// In a store whose broker is bridged to a central one: the topic on which the store broker says whether the bridge
    /// is up (Mosquitto with <c>notifications true</c>: <c>$SYS/broker/connection/{name}/state</c>, payload 1 or 0).
    /// When it says 0 the store's staff are alerted at once for the call in progress. Empty: not watched.
    /// </summary>
    public string BridgeStateTopic { get; set; } = string.Empty;
}
