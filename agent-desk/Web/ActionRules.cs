using KioskAssist.AgentDesk.Live;
using KioskAssist.Protocol.Messages;

namespace KioskAssist.AgentDesk.Web;

/// <summary>
/// What the desk can already tell will fail, from the state it has: the kiosk would drop the action anyway, but the
/// agent should hear it at once. The kiosk stays the authority for everything else (a claim race is its call).
/// </summary>
public static class ActionRules
{
    public const int MaxChatLength = 2000;

    /// <summary>Why the action cannot succeed in the request's current state, or null.</summary>
    public static string? Refusal(AgentActionType type, RequestSummary request, string agentId)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.State is HelpState.Resolved or HelpState.Cancelled or HelpState.Expired)
        {
            return $"The request is {request.State.ToString().ToLowerInvariant()}.";
        }

        if (type == AgentActionType.Claim)
        {
            return request.State == HelpState.Open || request.Agent?.Id == agentId ? null : $"Taken by {request.Agent?.Name}.";
        }

        return request.Agent?.Id == agentId ? null
            : request.Agent is { } other ? $"Taken by {other.Name}."
            : "Claim the request first.";
    }

    public static string? BodyProblem(AgentActionType type, string? text, string? outcome) => type switch
    {
        AgentActionType.Chat when string.IsNullOrWhiteSpace(text) => "The message is empty.",
        AgentActionType.Chat when text.Length > MaxChatLength => $"The message is longer than {MaxChatLength} characters.",
        AgentActionType.Resolve when !AgentActionMessage.Outcomes.Contains(outcome) => $"Choose an outcome: {string.Join(", ", AgentActionMessage.Outcomes)}.",
        _ => null,
    };
}
