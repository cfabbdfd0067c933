namespace KioskAssist.Protocol;

/// <summary>
/// Every MQTT topic of protocol v1 (docs/protocol.md). Site, kiosk, request and agent ids are checked with
/// <see cref="Ids.IsValid"/> before they go into a topic, so no id can add a level or a wildcard.
/// </summary>
public static class Topics
{
    public const string Root = "ka/v1";

    /// <summary>Retained; the kiosk's online/offline state (its Last Will says offline).</summary>
    public static string Presence(string site, string kiosk) => $"{Root}/presence/{Ids.Check(site)}/{Ids.Check(kiosk)}";

    /// <summary>Retained; the full current state of one help request. Published by the kiosk only.</summary>
    public static string Request(string site, string kiosk, string requestId) =>
        $"{Root}/requests/{Ids.Check(site)}/{Ids.Check(kiosk)}/{Ids.Check(requestId)}";

    /// <summary>The ordered chat of one request, both directions, as the kiosk accepted it. Published by the kiosk only.</summary>
    public static string Chat(string site, string kiosk, string requestId) =>
        $"{Root}/chat/{Ids.Check(site)}/{Ids.Check(kiosk)}/{Ids.Check(requestId)}";

    /// <summary>
    /// What agents ask of a kiosk about one request (claim, connect, chat, release, resolve), sent through
    /// <paramref name="desk"/>. The last level is the desk's broker identity: the broker's ACL lets a desk write only
    /// topics ending in its own name, so the kiosk knows which desk sent an action without trusting the payload.
    /// </summary>
    public static string AgentAction(string site, string kiosk, string requestId, string desk) =>
        $"{Root}/agent/{Ids.Check(site)}/{Ids.Check(kiosk)}/{Ids.Check(requestId)}/{Ids.Check(desk)}";

    /// <summary>Alerts for the store's own staff (a request waits too long).</summary>
    public static string Staff(string site) => $"{Root}/staff/{Ids.Check(site)}";

    /// <summary>Retained; the live queue as the agent desks see it, for queue position and estimates.</summary>
    public const string Queue = Root + "/queue";

    /// <summary>Retained; an agent desk's online/offline state and how many agents are signed in.</summary>
    public static string DeskPresence(string desk) => $"{Root}/desks/{Ids.Check(desk)}";

    /// <summary>Retained; a kiosk's counts and versions for the fleet operator (<c>ka/v1/reports/{site}/{kiosk}/metrics</c>).</summary>
    public static string Metrics(string site, string kiosk) => $"{Root}/reports/{Ids.Check(site)}/{Ids.Check(kiosk)}/metrics";

    public const string AllMetrics = Root + "/reports/+/+/metrics";

    /// <summary>The requests, chats and kiosk presence of one site: what a desk serving that site reads (the ACL allows no more).</summary>
    public static IReadOnlyList<string> SiteReads(string site) =>
        [$"{Root}/requests/{Ids.Check(site)}/+/+", $"{Root}/chat/{Ids.Check(site)}/+/+", $"{Root}/presence/{Ids.Check(site)}/+"];

    public const string AllRequests = Root + "/requests/+/+/+";
    public const string AllChats = Root + "/chat/+/+/+";
    public const string AllPresence = Root + "/presence/+/+";
    public const string AllDesks = Root + "/desks/+";

    /// <summary>
    /// The agent actions addressed to one kiosk (all its requests, every desk). <c>#</c> rather than <c>+/+</c>, so an
    /// action on the old three-level topic (no desk) still arrives and is refused with a counted reason, not lost unseen.
    /// </summary>
    public static string AgentActionsFor(string site, string kiosk) => $"{Root}/agent/{Ids.Check(site)}/{Ids.Check(kiosk)}/#";

    /// <summary>
    /// Splits <c>ka/v1/agent/{site}/{kiosk}/{request}/{desk}</c>. <paramref name="desk"/> is empty for the old topic
    /// without a desk level (still true, so the caller can refuse it by name); false for anything else.
    /// </summary>
    public static bool TryParseAgentTopic(string topic, out string site, out string kiosk, out string requestId, out string desk)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var parts = topic.Split('/');
        var ok = parts.Length is 6 or 7 && parts[0] == "ka" && parts[1] == "v1" && parts[2] == "agent"
            && parts.Skip(3).All(Ids.IsValid);
        (site, kiosk, requestId) = ok ? (parts[3], parts[4], parts[5]) : (string.Empty, string.Empty, string.Empty);
        desk = ok && parts.Length == 7 ? parts[6] : string.Empty;
        return ok;
    }

    /// <summary>The shopper is typing in one request's chat (<c>ShopperTypingMessage</c>). QoS 0, not retained; never any text.</summary>
    public static string Typing(string site, string kiosk, string requestId) =>
        $"{Root}/typing/{Ids.Check(site)}/{Ids.Check(kiosk)}/{Ids.Check(requestId)}";

    /// <summary>The shopper's rating of a finished call (<c>HelpRatingMessage</c>). QoS 1 through the kiosk's outbox, not retained.</summary>
    public static string Rating(string site, string kiosk, string requestId) =>
        $"{Root}/ratings/{Ids.Check(site)}/{Ids.Check(kiosk)}/{Ids.Check(requestId)}";

    /// <summary>A store-staff member's "I'm on my way" for one request (<c>StaffAckMessage</c>), published by a desk. QoS 1, not retained.</summary>
    public static string StaffAck(string site, string kiosk, string requestId) =>
        $"{Root}/staffack/{Ids.Check(site)}/{Ids.Check(kiosk)}/{Ids.Check(requestId)}";

    /// <summary>The staff acknowledgements addressed to one kiosk (all its requests).</summary>
    public static string StaffAcksFor(string site, string kiosk) => $"{Root}/staffack/{Ids.Check(site)}/{Ids.Check(kiosk)}/+";

    public const string AllTyping = Root + "/typing/+/+/+";
    public const string AllRatings = Root + "/ratings/+/+/+";
    public const string AllStaffAcks = Root + "/staffack/+/+/+";

    /// <summary>Splits a topic of the form <c>ka/v1/{kind}/{site}/{kiosk}/{request}</c>; false for anything else.</summary>
    public static bool TryParseRequestTopic(string topic, string kind, out string site, out string kiosk, out string requestId)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var parts = topic.Split('/');
        var ok = parts.Length == 6 && parts[0] == "ka" && parts[1] == "v1" && parts[2] == kind
            && Ids.IsValid(parts[3]) && Ids.IsValid(parts[4]) && Ids.IsValid(parts[5]);
        (site, kiosk, requestId) = ok ? (parts[3], parts[4], parts[5]) : (string.Empty, string.Empty, string.Empty);
        return ok;
    }

    /// <summary>Where a lane's POS publishes its CloudEvents (docs/pos.md); only that lane's POS identity may publish here.</summary>
    public static string PosEvents(string site, string kiosk) => $"{Root}/pos/{Ids.Check(site)}/{Ids.Check(kiosk)}/events";
}
