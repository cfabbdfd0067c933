using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using KioskAssist.Protocol;

namespace KioskAssist.Provisioning;

/// <summary>
/// <c>certs sign-pending</c>: collects the kiosks' retained certificate requests from the broker, checks each (an active
/// kiosk of the registry, its own identity as CN, a valid self-signature, a P-256 key), issues a one-year certificate for
/// the key the kiosk made, records it (the previous one superseded) and publishes it retained on the kiosk's certificate
/// topic. The kiosk swaps it in and reconnects; it clears its request itself.
/// </summary>
/// <remarks>
/// A command the operator runs (by hand or from cron), not a service: the CA key is used only while it runs, and a
/// kiosk asks at two thirds of its certificate's life, so a daily or even monthly run is early enough.
/// </remarks>
public sealed class CertificateSigner(FleetDirectory fleet, TimeProvider time)
{
    /// <summary>Exit code when a request was refused.</summary>
    public const int SomeRefused = 3;

    public async Task<int> RunAsync(OperatorConnectionRequest connection, TimeSpan wait, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(output);
        fleet.RequireCa();
        var requests = new ConcurrentDictionary<(string Site, string Kiosk), byte[]>();
        await using var client = await OperatorConnection.ConnectAsync(fleet, connection.Host, connection.Port, cancellationToken);
        client.MessageReceived += (topic, payload) => Collect(topic, payload, requests);
        await client.SubscribeAsync([FleetTopics.AllCertificateRequests], cancellationToken);
        // Retained requests arrive right after the subscription; there is no marker for the last one, so wait.
        await Task.Delay(wait, time, cancellationToken);

        using var authority = FleetAuthority.Load(fleet);
        using var registry = FleetRegistry.Open(fleet);
        var active = registry.ActiveKiosks().Select(e => (e.Site, e.Kiosk)).ToHashSet();
        var (signed, refused) = (0, 0);
        foreach (var ((site, kiosk), pem) in requests.OrderBy(r => r.Key.Site, StringComparer.Ordinal).ThenBy(r => r.Key.Kiosk, StringComparer.Ordinal))
        {
            var identity = KioskIdentity.For(site, kiosk);
            if (Check(pem, identity, active.Contains((site, kiosk))) is { Problem: { } problem })
            {
                refused++;
                await output.WriteLineAsync($"  {$"{site}/{kiosk}",-20} refused  {problem}");
                continue;
            }

            var request = CertificateRequest.LoadSigningRequestPem(Encoding.ASCII.GetString(pem), HashAlgorithmName.SHA256);
            var issued = authority.IssueClient(identity, request.PublicKey, time.GetUtcNow(), Provisioner.Validity);
            var superseded = registry.RecordIssued(CertificateKind.Kiosk, site, kiosk, issued);
            await client.PublishAsync(FleetTopics.Certificate(site, kiosk), Encoding.ASCII.GetBytes(issued.Pem), retain: true, cancellationToken);
            signed++;
            await output.WriteLineAsync(
                $"  {$"{site}/{kiosk}",-20} signed   serial {issued.Serial}, valid until {issued.NotAfter:yyyy-MM-dd}{(superseded.Count > 0 ? $", supersedes {string.Join(", ", superseded)}" : string.Empty)}");
        }

        await output.WriteLineAsync($"{signed} signed, {refused} refused ({requests.Count} pending request(s) on {client.Address}).");
        return refused > 0 ? SomeRefused : 0;
    }

    private static void Collect(string topic, ReadOnlySequence<byte> payload, ConcurrentDictionary<(string, string), byte[]> requests)
    {
        var parts = topic.Split('/');
        if (parts is [_, _, "reports", var site, var kiosk, "csr"] && Ids.IsValid(site) && Ids.IsValid(kiosk))
        {
            if (payload.Length == 0)
            {
                requests.TryRemove((site, kiosk), out _);
            }
            else if (payload.Length <= 16 * 1024)
            {
                requests[(site, kiosk)] = payload.ToArray();
            }
        }
    }

    /// <summary>Why a request may not be signed, or null.</summary>
    private static (string? Problem, bool Ok) Check(byte[] pem, string identity, bool active)
    {
        if (!active)
        {
            return ("not an active kiosk in the registry (revoked, or unknown to this fleet)", false);
        }

        CertificateRequest request;
        try
        {
            // Checks the request's own signature: whoever sent it holds the private key.
            request = CertificateRequest.LoadSigningRequestPem(Encoding.ASCII.GetString(pem), HashAlgorithmName.SHA256);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            return ($"not a valid signed certificate request ({e.Message})", false);
        }

        var commonName = request.SubjectName.EnumerateRelativeDistinguishedNames()
            .FirstOrDefault(rdn => rdn.GetSingleElementType().Value == "2.5.4.3")?.GetSingleElementValue();
        if (commonName != identity)
        {
            return ($"asks for CN '{commonName}', not its own identity {identity}", false);
        }

        using var key = request.PublicKey.GetECDsaPublicKey();
        if (key is null || key.KeySize != 256)
        {
            return ("the key is not ECDSA P-256", false);
        }

        return (null, true);
    }
}
