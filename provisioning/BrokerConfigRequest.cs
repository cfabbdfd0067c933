namespace KioskAssist.Provisioning;

/// <summary>What <c>broker-config</c> writes and for which broker.</summary>
/// <param name="OutputDirectory">Where the files are written now.</param>
/// <param name="InstallDirectory">Where they will be on the broker machine; the configuration's paths point there.</param>
/// <param name="Hosts">Names and addresses kiosks and desks use for the broker: the server certificate's SANs.</param>
/// <param name="PersistenceDirectory">Mosquitto's persistence_location.</param>
/// <param name="User">The account Mosquitto drops to when started as root (<c>root</c> keeps it, as tests in CI need).</param>
/// <param name="OperatorPort">The named operators' mutual-TLS port (written when the fleet has named operators); null: <see cref="Port"/> + 2.</param>
public sealed record BrokerConfigRequest(
    string OutputDirectory, string InstallDirectory, IReadOnlyList<string> Hosts, int Port, int AgentPort, string PersistenceDirectory, string User, int? OperatorPort = null);
