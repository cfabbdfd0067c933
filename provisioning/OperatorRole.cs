namespace KioskAssist.Provisioning;

/// <summary>What an operator may do, each role including the one before (stored as its lower-case name, with '-').</summary>
public enum OperatorRole
{
    /// <summary>See the fleet: status, certificate expiries, rollout lists, the audit log. The broker lets it only read.</summary>
    ReadOnly,

    /// <summary>Also roll out and abort (the broker lets it publish fleet commands).</summary>
    Rollout,

    /// <summary>Also everything that uses the CA: provision, revoke, sign certificates, broker-config, desks, operators.</summary>
    Ca,
}
