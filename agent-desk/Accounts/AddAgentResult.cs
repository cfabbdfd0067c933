namespace KioskAssist.AgentDesk.Accounts;

/// <summary>What <see cref="AgentStore.Add"/> did.</summary>
public enum AddAgentResult
{
    Added,

    /// <summary>An agent with this id exists already; nothing changed.</summary>
    IdTaken,

    /// <summary>Only the first account was allowed, and one exists already; nothing changed.</summary>
    NotFirst,
}
