namespace KioskAssist.Provisioning;

/// <summary>
/// Where everything lives in a fleet directory (<c>--dir</c>). The directory is 0700: it holds the CA's and the
/// rollout signing key's private keys and every device's key until the bundles are installed.
/// </summary>
public sealed class FleetDirectory(string path)
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public string CaCertificate => Combine("ca.crt");

    public string CaKey => Combine("ca.key");

    public string RolloutSigningKey => Combine("rollout-signing.key");

    public string RolloutPublicKey => Combine("rollout-signing.pub");

    /// <summary>The operator's own client certificate: the only identity the broker lets send fleet commands.</summary>
    public string OperatorCertificate => Combine("operator.crt");

    public string OperatorKey => Combine("operator.key");

    public string Registry => Combine("registry.db");

    public string RevocationList => Combine("crl.pem");

    /// <summary>Agents' broker logins in mosquitto_passwd format, rewritten from the registry on every agent change.</summary>
    public string BrokerPasswords => Combine("mosquitto.passwd");

    public string Bundles => Combine("bundles");

    public string Bundle(string site, string kiosk) => System.IO.Path.Combine(Bundles, site, kiosk);

    public bool HasCa => File.Exists(CaCertificate) && File.Exists(CaKey);

    /// <summary>Throws the operator-facing error when <c>ca init</c> has not been run for this directory.</summary>
    public void RequireCa()
    {
        if (!HasCa)
        {
            throw new FleetException($"no fleet CA in {Path}: run 'kafleet ca init --dir {Path}' first.");
        }
    }

    private string Combine(string name) => System.IO.Path.Combine(Path, name);
}
