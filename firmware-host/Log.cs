namespace KioskAssist.FirmwareHost;

/// <summary>
/// Every log line the kiosk writes, with event ids and structured values. Shopper text is never logged:
/// it may hold personal data. Intents and confidences are enough to follow what happened.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Loaded intent model {Name} {Version}: {Labels} labels, threshold {Threshold:F3}, in {Milliseconds:F0} ms")]
    public static partial void ModelLoaded(ILogger logger, string name, string version, int labels, float threshold, double milliseconds);

    [LoggerMessage(2, LogLevel.Information, "Loaded answers {Version}: {Intents} intents in {Languages}")]
    public static partial void AnswersLoaded(ILogger logger, string version, int intents, string languages);

    [LoggerMessage(10, LogLevel.Information, "Question answered as {Intent} ({Confidence:F3}, {Language}) with {Kind} in {Microseconds:F0} µs")]
    public static partial void QuestionAnswered(ILogger logger, string intent, float confidence, string language, string kind, double microseconds);

    [LoggerMessage(13, LogLevel.Information, "Conversation cleared ({Why})")]
    public static partial void ConversationCleared(ILogger logger, string why);

    [LoggerMessage(20, LogLevel.Warning, "Rejected a screen request: {Problem}")]
    public static partial void ScreenRequestRejected(ILogger logger, string problem);

    [LoggerMessage(30, LogLevel.Information, "Help requested ({Reason}): request {RequestId}")]
    public static partial void HelpRequested(ILogger logger, string requestId, string reason);

    [LoggerMessage(31, LogLevel.Information, "Help request {RequestId} resumed after restart in state {State}")]
    public static partial void HelpCallResumed(ILogger logger, string requestId, string state);

    [LoggerMessage(32, LogLevel.Information, "Help request {RequestId} cancelled by the shopper")]
    public static partial void HelpCancelled(ILogger logger, string requestId);

    [LoggerMessage(33, LogLevel.Warning, "Help request {RequestId} unclaimed after {Seconds} s: re-announced as urgent, store staff alerted")]
    public static partial void HelpEscalated(ILogger logger, string requestId, int seconds);

    [LoggerMessage(34, LogLevel.Warning, "Help request {RequestId} expired unclaimed")]
    public static partial void HelpExpired(ILogger logger, string requestId);

    [LoggerMessage(35, LogLevel.Information, "Agent action {Type} by {AgentId} on {RequestId}: {Result}")]
    public static partial void AgentAction(ILogger logger, string type, string agentId, string requestId, string result);

    [LoggerMessage(36, LogLevel.Error, "Help request {RequestId} could NOT be saved to {Path}: {Problem}. Sending it over the network without saving; retrying the save every {RetrySeconds} s")]
    public static partial void HelpCallNotSaved(ILogger logger, string requestId, string path, string problem, int retrySeconds);

    [LoggerMessage(37, LogLevel.Warning, "Storage at {Path} works again: {Records} unsaved help call record(s) saved")]
    public static partial void HelpCallSavedAgain(ILogger logger, string path, int records);

    [LoggerMessage(38, LogLevel.Warning, "The link to the central agent desks is down ({Topic} = 0): store staff alerted for help request {RequestId}")]
    public static partial void BridgeDownStaffAlerted(ILogger logger, string topic, string requestId);

    [LoggerMessage(39, LogLevel.Information, "The link to the central agent desks is {State} ({Topic})")]
    public static partial void BridgeStateChanged(ILogger logger, string state, string topic);

    [LoggerMessage(40, LogLevel.Warning, "Dropped a message on {Topic}: {Problem}")]
    public static partial void MessageDropped(ILogger logger, string topic, string problem);

    [LoggerMessage(41, LogLevel.Information, "Outbox waiting for the broker: {Pending} message(s) saved")]
    public static partial void OutboxWaiting(ILogger logger, int pending);

    [LoggerMessage(44, LogLevel.Error, "Outbox delivery could not use the storage: {Problem}; unsaved messages are still sent")]
    public static partial void OutboxStorageFailed(ILogger logger, string problem);

    [LoggerMessage(42, LogLevel.Information, "Embedded MQTT broker listening on 127.0.0.1:{Port} (no Broker:Host configured)")]
    public static partial void EmbeddedBrokerStarted(ILogger logger, int port);

    [LoggerMessage(43, LogLevel.Warning, "Port {Port} is already taken; using the MQTT broker already listening there instead of the embedded one")]
    public static partial void EmbeddedBrokerPortTaken(ILogger logger, int port);

    [LoggerMessage(50, LogLevel.Information, "Call button pressed")]
    public static partial void ButtonPressed(ILogger logger);

    [LoggerMessage(51, LogLevel.Information, "Call button held")]
    public static partial void ButtonHeld(ILogger logger);

    [LoggerMessage(52, LogLevel.Error, "The call button's handler failed; the button keeps working")]
    public static partial void ButtonHandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(53, LogLevel.Information, "Light pattern: {Pattern}")]
    public static partial void LightPatternChanged(ILogger logger, string pattern);

    [LoggerMessage(54, LogLevel.Information, "GPIO driver: {Driver} on {Chip}")]
    public static partial void GpioDriverChosen(ILogger logger, string driver, string chip);

    [LoggerMessage(55, LogLevel.Warning, "Hardware is SIMULATED: no GPIO button or light; press the button with POST /dev/button/press")]
    public static partial void HardwareSimulated(ILogger logger);

    [LoggerMessage(60, LogLevel.Information, "systemd watchdog: {TimeoutSeconds:F0} s, pinging every {IntervalSeconds:F0} s while the kiosk's loops and database are alive")]
    public static partial void WatchdogEnabled(ILogger logger, double timeoutSeconds, double intervalSeconds);

    [LoggerMessage(61, LogLevel.Error, "systemd watchdog ping withheld: {Problem}; systemd restarts the kiosk unless it recovers")]
    public static partial void WatchdogWithheld(ILogger logger, string problem);

    [LoggerMessage(75, LogLevel.Debug, "Published metrics: today {Answered} answered, {Rejected} rejected, {Handed} handed to a person")]
    public static partial void MetricsPublished(ILogger logger, int answered, int rejected, int handed);

    [LoggerMessage(70, LogLevel.Information, "Rollout {RolloutId} ({Kind} {Version}) {Outcome}: {Reason}")]
    public static partial void RolloutOutcome(ILogger logger, string rolloutId, string kind, string version, string outcome, string reason);

    [LoggerMessage(71, LogLevel.Information, "Rollout {RolloutId} ({Kind} {Version}) accepted; fetching package {Sha256}")]
    public static partial void RolloutFetching(ILogger logger, string rolloutId, string kind, string version, string sha256);

    [LoggerMessage(72, LogLevel.Error, "The rolled-out {Kind} {RolloutId} failed to load at start; running {Fallback} instead: {Problem}")]
    public static partial void RolloutRolledBackAtStart(ILogger logger, string kind, string rolloutId, string fallback, string problem);

    [LoggerMessage(73, LogLevel.Warning, "Rollouts are disabled: Rollout:PublicKeyFile is empty, so every rollout is refused")]
    public static partial void RolloutsDisabled(ILogger logger);

    [LoggerMessage(74, LogLevel.Information, "Now answering with {Kind} {Version} (from {Source})")]
    public static partial void RolloutSwapped(ILogger logger, string kind, string version, string source);

    [LoggerMessage(120, LogLevel.Information, "Not sure: best guess {BestGuess} at {Confidence:F3} is below the model's minimum confidence {MinConfidence:F3}")]
    public static partial void QuestionBelowMinConfidence(ILogger logger, string bestGuess, float confidence, float minConfidence);

    [LoggerMessage(121, LogLevel.Information, "Model {Version} says not sure below confidence {MinConfidence:F3} ({Source})")]
    public static partial void ModelMinConfidence(ILogger logger, string version, float minConfidence, string source);

    [LoggerMessage(100, LogLevel.Information, "Store staff {StaffId} acknowledged request {RequestId} after {Seconds} s: walking over to the kiosk")]
    public static partial void StaffAcknowledged(ILogger logger, string requestId, string staffId, int seconds);

    [LoggerMessage(101, LogLevel.Information, "Staff acknowledgement {AckId} from {StaffId} for request {RequestId} not applied: {Result}")]
    public static partial void StaffAckNotApplied(ILogger logger, string ackId, string staffId, string requestId, string result);

    [LoggerMessage(102, LogLevel.Warning, "No agent can answer ({Why}): store staff alerted at once for request {RequestId}")]
    public static partial void NoAgentsStaffAlerted(ILogger logger, string why, string requestId);

    [LoggerMessage(103, LogLevel.Information, "Shopper rated request {RequestId}: {Score} of 3")]
    public static partial void HelpRated(ILogger logger, string requestId, int score);

    [LoggerMessage(104, LogLevel.Information, "Rating for request {RequestId} refused: {Why}")]
    public static partial void RatingRefused(ILogger logger, string requestId, string why);

    [LoggerMessage(105, LogLevel.Debug, "Shopper typing hint for request {RequestId} not sent: the broker is not connected")]
    public static partial void ShopperTypingNotSent(ILogger logger, string requestId);

    [LoggerMessage(130, LogLevel.Warning, "Refused a {Type} for request {RequestId} from desk {Desk}: the request was claimed through desk {ClaimedBy}")]
    public static partial void AgentActionFromWrongDesk(ILogger logger, string type, string requestId, string desk, string claimedBy);

    [LoggerMessage(131, LogLevel.Information, "Deleted {Calls} finished help call(s) older than {Hours} h with their transcripts")]
    public static partial void FinishedCallsDeleted(ILogger logger, int calls, double hours);

    [LoggerMessage(132, LogLevel.Warning, "Could not delete finished help calls past retention: {Problem}; trying again later")]
    public static partial void RetentionSweepFailed(ILogger logger, string problem);

    [LoggerMessage(133, LogLevel.Warning, "Refused {Method} {Path}: {Why}")]
    public static partial void CrossSiteRequestRefused(ILogger logger, string method, string path, string why);

    [LoggerMessage(200, LogLevel.Warning, "Letting go of the broker connection failed: {Problem}")]
    public static partial void BrokerLinkDisposeFailed(ILogger logger, string problem);

    [LoggerMessage(260, LogLevel.Information, "POS event {Type} (code {ReasonCode}) applied; on screen: {Action}")]
    public static partial void PosEventApplied(ILogger logger, string type, string reasonCode, string action);

    [LoggerMessage(261, LogLevel.Information, "POS event {Type} needs someone at the lane: store staff called")]
    public static partial void PosStaffCalled(ILogger logger, string type);

    [LoggerMessage(262, LogLevel.Warning, "POS event from {Way} dropped ({Reason}): {Problem}")]
    public static partial void PosEventRejected(ILogger logger, string way, string reason, string problem);

    [LoggerMessage(263, LogLevel.Warning, "POS events from {Way} over the rate limit: {Dropped} dropped since the last report")]
    public static partial void PosEventsRateLimited(ILogger logger, string way, long dropped);

    [LoggerMessage(220, LogLevel.Information, "Client certificate {Serial} (valid until {NotAfter:u}, bootstrap {Bootstrap}) is due for renewal: new key made here, request published {Sent}")]
    public static partial void CertificateRenewalRequested(ILogger logger, string serial, DateTime notAfter, bool bootstrap, bool sent);

    [LoggerMessage(221, LogLevel.Information, "Renewed the client certificate: now serial {Serial}; reconnecting with it")]
    public static partial void CertificateRenewed(ILogger logger, string serial);

    [LoggerMessage(222, LogLevel.Information, "Ignored a certificate on the kiosk's certificate topic: {Why}")]
    public static partial void CertificateIgnored(ILogger logger, string why);

    [LoggerMessage(223, LogLevel.Warning, "Certificate renewal failed: {Problem}; trying again at the next check")]
    public static partial void CertificateRenewalFailed(ILogger logger, string problem);

    [LoggerMessage(224, LogLevel.Warning, "Finished a certificate swap a restart interrupted: moved the pending key to {KeyFile}")]
    public static partial void CertificateSwapCompleted(ILogger logger, string keyFile);
}
