using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace KioskAssist.Provisioning;

/// <summary>
/// <c>certs list [--json]</c> (what expires when, with warnings at 30 and 7 days), <c>certs sign-pending</c> (sign the
/// kiosks' renewal requests) and <c>certs crl [--out DIR]</c> (re-sign the CRL before it runs out).
/// </summary>
public static class CertsCommand
{
    public static Command Create(TextWriter output, TextWriter error) =>
        new("certs", "Certificate lifecycle: expiries, kiosks' renewal requests, the CRL.")
        {
            CreateList(output, error),
            CreateSignPending(output, error),
            CreateCrl(output, error),
        };

    private static Command CreateList(TextWriter output, TextWriter error)
    {
        var dir = FleetCli.DirOption();
        var json = new Option<bool>("--json") { Description = "Print a JSON document for scripts instead of the table." };
        var command = new Command("list", "When the CA, every active certificate and the CRL expire, soonest first; warnings at 30 and 7 days.") { dir, json };
        command.SetAction(result => FleetCli.Run(error, () => List(new FleetDirectory(result.GetValue(dir)!), result.GetValue(json), TimeProvider.System, output)));
        return command;
    }

    /// <summary>Exit 0 when nothing expires within 30 days, 4 when something does (so cron can mail it), 2 when it cannot run.</summary>
    public static int List(FleetDirectory fleet, bool json, TimeProvider time, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(output);
        var rows = CertificateExpiries.Collect(fleet, time.GetUtcNow());
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(new { at = time.GetUtcNow(), certificates = rows }, Json));
        }
        else
        {
            output.WriteLine($"{"KIND",-9} {"NAME",-28} {"SERIAL",-12} {"NOT AFTER (UTC)",-17} {"DAYS",7}  STATE");
            foreach (var row in rows)
            {
                var state = row.Level switch
                {
                    "expired" => "EXPIRED",
                    "critical" => $"CRITICAL: {row.DaysLeft:F0} days left",
                    "warning" => $"warning: {row.DaysLeft:F0} days left",
                    _ => "ok",
                } + (row.Bootstrap ? " (bootstrap: waiting for the kiosk's request to be signed)" : string.Empty);
                var serial = row.Serial.Length > 12 ? row.Serial[..12] : row.Serial;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{row.Kind,-9} {row.Name,-28} {serial,-12} {row.NotAfter,-17:yyyy-MM-dd HH:mm} {row.DaysLeft,7:F1}  {state}"));
            }

            var soon = rows.Count(r => r.Level != "ok");
            output.WriteLine($"{rows.Count} item(s); {soon} expire within {CertificateExpiries.WarningDays} days or have expired.");
        }

        return rows.Any(r => r.Level != "ok") ? ExpiringSoon : 0;
    }

    /// <summary>Exit code of <c>certs list</c> when something expires within 30 days.</summary>
    public const int ExpiringSoon = 4;

    private static Command CreateSignPending(TextWriter output, TextWriter error)
    {
        var dir = FleetCli.DirOption();
        var (host, port) = BrokerOptions();
        var wait = new Option<double>("--wait-seconds") { Description = "How long to collect the retained requests (0.1–60).", DefaultValueFactory = _ => 2 };
        var command = new Command("sign-pending", "Sign the kiosks' certificate renewal requests waiting on the broker and send each kiosk its certificate.") { dir, host, port, wait };
        command.SetAction((result, cancellationToken) => FleetCli.RunAsync(error, () =>
        {
            var fleet = new FleetDirectory(result.GetValue(dir)!);
            var (h, p) = RememberedBroker.Resolve(fleet, result.GetValue(host), result.GetValue(port));
            var seconds = result.GetValue(wait);
            if (seconds is not (>= 0.1 and <= 60))
            {
                throw new FleetException($"--wait-seconds {seconds} must be between 0.1 and 60.");
            }

            return new CertificateSigner(fleet, TimeProvider.System).RunAsync(new OperatorConnectionRequest(h, p), TimeSpan.FromSeconds(seconds), output, cancellationToken);
        }));
        return command;
    }

    private static Command CreateCrl(TextWriter output, TextWriter error)
    {
        var dir = FleetCli.DirOption();
        var outDir = new Option<string?>("--out") { Description = "Also write crl.pem into this broker configuration folder (as broker-config does)." };
        var command = new Command("crl", "Re-sign the CRL from the registry (valid a year from now); copy it to the broker and reload Mosquitto.") { dir, outDir };
        command.SetAction(result => FleetCli.Run(error, () =>
        {
            var fleet = new FleetDirectory(result.GetValue(dir)!);
            var now = TimeProvider.System.GetUtcNow();
            using var authority = FleetAuthority.Load(fleet);
            using var registry = FleetRegistry.Open(fleet);
            var (pem, count) = RevocationList.Write(fleet, authority, registry, now);
            if (result.GetValue(outDir) is { } folder)
            {
                SecureFiles.WritePublic(Path.Combine(folder, BrokerConfigWriter.CrlFile), pem);
            }

            output.WriteLine($"Re-signed the CRL ({count} revoked serial(s)), valid until {now.Add(RevocationList.Validity):yyyy-MM-dd}: {fleet.RevocationList}"
                + (result.GetValue(outDir) is { } o ? $" and {Path.Combine(o, BrokerConfigWriter.CrlFile)}" : string.Empty) + ".");
            output.WriteLine("Copy it to the broker's install folder and reload Mosquitto (systemctl reload mosquitto).");
            return 0;
        }));
        return command;
    }

    /// <summary>Broker options without defaults: absent means the broker remembered in the fleet directory.</summary>
    internal static (Option<string?> Host, Option<int?> Port) BrokerOptions() =>
        (new Option<string?>("--broker-host") { Description = "The broker (a name in its certificate); default: the one broker-config remembered, else localhost." },
         new Option<int?>("--broker-port") { Description = "The broker's mutual-TLS port; default: the one broker-config remembered, else 8883." });

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
