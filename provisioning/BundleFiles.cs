namespace KioskAssist.Provisioning;

/// <summary>
/// The files of a device bundle. A bundle is installed by copying its files into <see cref="InstallDirectory"/>
/// on the Pi under the same names, so the paths in its appsettings hold there.
/// </summary>
public static class BundleFiles
{
    public const string InstallDirectory = "/etc/kioskassist";

    public const string ClientKey = "kiosk.key";

    public const string ClientCertificate = "kiosk.crt";

    public const string CaCertificate = "ca.crt";

    public const string RolloutPublicKey = "rollout-signing.pub";

    public const string Settings = "appsettings.Production.json";

    public static string Installed(string file) => $"{InstallDirectory}/{file}";
}
