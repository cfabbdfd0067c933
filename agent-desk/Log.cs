namespace KioskAssist.AgentDesk;

/// <summary>
/// Every log line the desk writes (event ids 1–99), with structured values. Passwords are never logged, and
/// neither is chat or transcript text: it comes from shoppers at a public kiosk.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Agent desk {Desk} at {Address}")]
    public static partial void DeskListening(ILogger logger, string desk, string address);

    [LoggerMessage(2, LogLevel.Information, "Agent data in {Directory}")]
    public static partial void DataDirectory(ILogger logger, string directory);

    [LoggerMessage(10, LogLevel.Information, "Agent {AgentId} signed in")]
    public static partial void AgentSignedIn(ILogger logger, string agentId);

    [LoggerMessage(11, LogLevel.Warning, "Sign-in refused for {AgentId}")]
    public static partial void SignInRefused(ILogger logger, string agentId);

    [LoggerMessage(12, LogLevel.Information, "Agent {AgentId} signed out")]
    public static partial void AgentSignedOut(ILogger logger, string agentId);

    [LoggerMessage(13, LogLevel.Information, "Agent account {AgentId} created ({How})")]
    public static partial void AgentCreated(ILogger logger, string agentId, string how);

    [LoggerMessage(14, LogLevel.Warning, "Refused to create the first agent account: {Why}")]
    public static partial void SetupRefused(ILogger logger, string why);

    [LoggerMessage(20, LogLevel.Information, "Agent {AgentId} sent {Action} for request {RequestId} at {Site}/{Kiosk}")]
    public static partial void ActionSent(ILogger logger, string agentId, string action, string requestId, string site, string kiosk);

    [LoggerMessage(21, LogLevel.Warning, "Could not send {Action} for request {RequestId}: the broker is unreachable")]
    public static partial void ActionNotSent(ILogger logger, string action, string requestId);

    [LoggerMessage(22, LogLevel.Warning, "Refused a desk request: {Problem}")]
    public static partial void DeskRequestRejected(ILogger logger, string problem);

    [LoggerMessage(23, LogLevel.Warning, "Refused a cross-site {Method} to {Path}")]
    public static partial void CrossSiteRefused(ILogger logger, string method, string path);

    [LoggerMessage(30, LogLevel.Warning, "Dropped a message on {Topic} ({Kind}): {Problem}")]
    public static partial void MessageDropped(ILogger logger, string topic, string kind, string problem);

    [LoggerMessage(33, LogLevel.Debug, "Ignored a message on {Topic} ({Kind})")]
    public static partial void MessageIgnored(ILogger logger, string topic, string kind);

    [LoggerMessage(31, LogLevel.Debug, "Request {RequestId} at {Site}/{Kiosk} is now {State} (revision {Revision})")]
    public static partial void RequestUpdated(ILogger logger, string requestId, string site, string kiosk, string state, long revision);

    [LoggerMessage(32, LogLevel.Debug, "Request {RequestId} at {Site}/{Kiosk} is gone")]
    public static partial void RequestGone(ILogger logger, string requestId, string site, string kiosk);

    [LoggerMessage(40, LogLevel.Warning, "Could not publish the {What} on the broker")]
    public static partial void PublishFailed(ILogger logger, string what);

    // 100–119: the desk page's live side (typing, ratings, store staff).
    [LoggerMessage(100, LogLevel.Information, "Rating {Score} for request {RequestId} at {Site}/{Kiosk}")]
    public static partial void RatingReceived(ILogger logger, string requestId, string site, string kiosk, int score);

    [LoggerMessage(101, LogLevel.Information, "Store staff alerted for request {RequestId} at {Site}/{Kiosk} ({Reason})")]
    public static partial void StaffAlertReceived(ILogger logger, string requestId, string site, string kiosk, string reason);

    [LoggerMessage(102, LogLevel.Information, "Staff member {StaffId} is on the way to request {RequestId} at {Site}/{Kiosk}")]
    public static partial void StaffAckSent(ILogger logger, string staffId, string requestId, string site, string kiosk);

    [LoggerMessage(103, LogLevel.Warning, "Refused a staff acknowledgement from {StaffId}: {Problem}")]
    public static partial void StaffAckRefused(ILogger logger, string staffId, string problem);

    [LoggerMessage(104, LogLevel.Warning, "Could not send the staff acknowledgement for request {RequestId}: the broker is unreachable")]
    public static partial void StaffAckNotSent(ILogger logger, string requestId);

    // Accounts, sessions and roles (desk-trust): event ids 120–149. Ids are logged only when they name a real account.

    [LoggerMessage(120, LogLevel.Information, "Refused a session cookie of {AgentId}: the session ended or the account changed")]
    public static partial void SessionRefused(ILogger logger, string agentId);

    [LoggerMessage(121, LogLevel.Warning, "Sign-in throttled for {AgentId} from {ClientAddress} ({Limit})")]
    public static partial void SignInThrottled(ILogger logger, string agentId, string clientAddress, string limit);

    [LoggerMessage(122, LogLevel.Information, "Agent {AgentId} signed out everywhere ({Aborted} open requests cut)")]
    public static partial void SignedOutEverywhere(ILogger logger, string agentId, int aborted);

    [LoggerMessage(123, LogLevel.Information, "Agent {AgentId} changed their password; their other sessions ended ({Aborted} open requests cut)")]
    public static partial void PasswordChanged(ILogger logger, string agentId, int aborted);

    [LoggerMessage(124, LogLevel.Information, "Account {AgentId} removed by {AdminId}; its sessions ended ({Aborted} open requests cut)")]
    public static partial void AgentRemoved(ILogger logger, string agentId, string adminId, int aborted);

    [LoggerMessage(125, LogLevel.Warning, "Refused {AgentId} at {Path}: their role may not")]
    public static partial void RoleRefused(ILogger logger, string agentId, string path);

    [LoggerMessage(126, LogLevel.Warning, "No account exists yet: the one-time setup token is in {TokenFile} and on the console")]
    public static partial void SetupTokenIssued(ILogger logger, string tokenFile);

    [LoggerMessage(127, LogLevel.Information, "Forwarded headers accepted only from {Proxies}")]
    public static partial void ForwardedHeadersFrom(ILogger logger, string proxies);

    [LoggerMessage(128, LogLevel.Warning, "Refused a {Method} to {Path} that is not JSON")]
    public static partial void NotJsonRefused(ILogger logger, string method, string path);

    [LoggerMessage(210, LogLevel.Information, "Forgot {Count} request(s) unchanged for {Hours} h with their transcripts (Desk:TranscriptRetentionHours)")]
    public static partial void RequestsForgotten(ILogger logger, int count, double hours);

    [LoggerMessage(211, LogLevel.Information, "Request {Site}/{Kiosk}/{RequestId} exported by admin {AdminId}")]
    public static partial void RequestExported(ILogger logger, string site, string kiosk, string requestId, string adminId);

    [LoggerMessage(212, LogLevel.Information, "Request {Site}/{Kiosk}/{RequestId} deleted from this desk by admin {AdminId}")]
    public static partial void RequestDeleted(ILogger logger, string site, string kiosk, string requestId, string adminId);
}
