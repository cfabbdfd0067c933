using System.Threading.Channels;

namespace KioskAssist.FirmwareHost.Fleet;

/// <summary>
/// Hands signed certificates from the broker link's receive loop to <see cref="CertificateRenewal"/>, and tells it when
/// the link connected (a good moment to check the certificate's age). Thread-safe.
/// </summary>
public sealed class CertificateInbox
{
    /// <summary>A PEM certificate is about 1 KB; anything much larger is not one.</summary>
    public const int MaxCertificateBytes = 16 * 1024;

    private readonly Channel<byte[]?> _items = Channel.CreateBounded<byte[]?>(new BoundedChannelOptions(16) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });

    internal ChannelReader<byte[]?> Reader => _items.Reader;

    /// <summary>A message on the kiosk's certificate topic (the payload copied by the caller); false when too large to be one.</summary>
    public bool Post(byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return payload.Length <= MaxCertificateBytes && _items.Writer.TryWrite(payload);
    }

    /// <summary>The link (re)connected.</summary>
    public void PostConnected() => _items.Writer.TryWrite(null);
}
