namespace KioskAssist.AgentDesk.Web;

/// <summary>The body of an action POST: <c>text</c> for chat, <c>outcome</c> for resolve, nothing for the others.</summary>
public sealed record ActionRequest(string? Text, string? Outcome);
