namespace KioskAssist.Provisioning;

/// <summary>
/// A lane's POS on the broker: <c>pos-{site}-{kiosk}</c>, the CN of its client certificate (the broker takes it as the
/// user name). The ACL lets it publish on <c>ka/v1/pos/{site}/{kiosk}/events</c> only, so a POS can speak for its own
/// lane and no other, and read nothing.
/// </summary>
public static class PosIdentity
{
    public const string Prefix = "pos-";

    public static string For(string site, string kiosk) => $"{Prefix}{site}-{kiosk}";
}
