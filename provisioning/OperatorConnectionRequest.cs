namespace KioskAssist.Provisioning;

/// <summary>Where a command connects as the operator: the broker's host and mutual-TLS port.</summary>
public sealed record OperatorConnectionRequest(string Host, int Port);
