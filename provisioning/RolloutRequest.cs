using KioskAssist.Protocol.Messages;

namespace KioskAssist.Provisioning;

/// <summary>What <c>kafleet rollout model|answers</c> was asked to do.</summary>
/// <param name="CheckWith">The pre-flight's counterpart: the answers a model must be covered by, or the model answers must cover (null: the shipped one).</param>
/// <param name="SkipPreflight">Send without the local checks: only to test a kiosk's own defences.</param>
/// <param name="Json">Print one JSON document instead of the text.</param>
public sealed record RolloutRequest(
    RolloutKind Kind, string File, string To, string? Canary, string BrokerHost, int BrokerPort, TimeSpan Wait,
    string? CheckWith = null, bool SkipPreflight = false, bool Json = false);
