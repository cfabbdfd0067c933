using System.CommandLine;
using System.Security.Cryptography;
using KioskAssist.Protocol;

namespace KioskAssist.Provisioning;

/// <summary>
/// <c>operator add NAME --role read-only|rollout|ca</c>, <c>operator list</c>, <c>operator default NAME</c>,
/// <c>operator remove NAME</c>: one broker identity per person, with a role kafleet and the broker's ACL enforce.
/// </summary>
public static class OperatorCommand
{
    /// <summary>Operator certificates last a year, like the kiosks'; <c>certs list</c> warns 30 days ahead.</summary>
    public static readonly TimeSpan Validity = TimeSpan.FromDays(365);

    public static Command Create(TextWriter output, TextWriter error)
    {
        var root = new Command("operator", "Operators as people: each with a certificate, a role and an entry in the audit log.");
        {
            var dir = FleetCli.DirOption();
            var name = new Argument<string>("NAME") { Description = "The operator's name (letters, digits, '-' or '_')." };
            var role = new Option<string>("--role") { Description = "read-only, rollout or ca.", Required = true };
            role.AcceptOnlyFromAmong("read-only", "rollout", "ca");
            var add = new Command("add", "Issue an operator a certificate with a role; re-run broker-config to give it its broker rights.") { dir, name, role };
            add.SetAction(result => FleetCli.Run(error, () =>
                Add(new FleetDirectory(result.GetValue(dir)!), result.GetValue(name)!, OperatorRegistry.ParseRole(result.GetValue(role)!), TimeProvider.System, output)));
            root.Add(add);
        }

        {
            var dir = FleetCli.DirOption();
            var list = new Command("list", "The operators, their roles and which is the default.") { dir };
            list.SetAction(result => FleetCli.Run(error, () => List(new FleetDirectory(result.GetValue(dir)!), output)));
            root.Add(list);
        }

        {
            var dir = FleetCli.DirOption();
            var name = new Argument<string>("NAME");
            var setDefault = new Command("default", "The operator commands act as when --operator is not given.") { dir, name };
            setDefault.SetAction(result => FleetCli.Run(error, () =>
            {
                var fleet = new FleetDirectory(result.GetValue(dir)!);
                var chosen = Active(fleet, result.GetValue(name)!);
                SecureFiles.WritePublic(OperatorDirectory.DefaultFile(fleet), chosen.Name + "\n");
                output.WriteLine($"Commands in {fleet.Path} now act as {chosen.Name} ({OperatorRegistry.RoleName(chosen.Role)}) unless --operator says otherwise.");
                return 0;
            }));
            root.Add(setDefault);
        }

        {
            var dir = FleetCli.DirOption();
            var name = new Argument<string>("NAME");
            var remove = new Command("remove", "Remove an operator: its key is deleted here and it loses its broker rights at the next broker-config.") { dir, name };
            remove.SetAction(result => FleetCli.Run(error, () =>
            {
                var fleet = new FleetDirectory(result.GetValue(dir)!);
                var gone = Active(fleet, result.GetValue(name)!);
                using (var registry = OperatorRegistry.Open(fleet))
                {
                    registry.Remove(gone.Name, TimeProvider.System.GetUtcNow());
                }

                File.Delete(OperatorDirectory.Key(fleet, gone.Name));
                output.WriteLine($"Removed operator {gone.Name}; re-run broker-config and reload Mosquitto to take its broker rights away.");
                return 0;
            }));
            root.Add(remove);
        }

        return root;
    }

    public static int Add(FleetDirectory fleet, string name, OperatorRole role, TimeProvider time, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(output);
        fleet.RequireCa();
        if (!Ids.IsValid(name) || name.Length > 40)
        {
            throw new FleetException($"operator name '{name}' must be 1–40 letters, digits, '-' or '_'.");
        }

        var now = time.GetUtcNow();
        EnsureOperatorsCa(fleet, now);
        using var authority = FleetAuthority.LoadFrom(OperatorDirectory.CaCertificate(fleet), OperatorDirectory.CaKey(fleet));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var certificate = authority.IssueClient(OperatorDirectory.BrokerUser(name), key, now, Validity);
        using (var registry = OperatorRegistry.Open(fleet))
        {
            // The first named operator becomes the default and ends the original kafleet-operator's turn: someone must be able to manage the rest.
            if (role != OperatorRole.Ca && !registry.Operators().Any(o => !o.Removed && o.Role == OperatorRole.Ca))
            {
                throw new FleetException("the first operator must have the ca role (it becomes the default; it adds the others).");
            }

            if (!registry.Add(new OperatorEntry(name, role, certificate.Serial, now, Removed: false)))
            {
                throw new FleetException($"an operator named {name} exists: remove it first to issue a new certificate.");
            }
        }

        using (var certificates = FleetRegistry.Open(fleet))
        {
            certificates.RecordIssued(CertificateKind.Operator, string.Empty, string.Empty, certificate);
        }

        SecureFiles.CreatePrivateDirectory(OperatorDirectory.Folder(fleet));
        SecureFiles.WriteSecret(OperatorDirectory.Key(fleet, name), key.ExportPkcs8PrivateKeyPem());
        SecureFiles.WritePublic(OperatorDirectory.Certificate(fleet, name), certificate.Pem);
        if (!File.Exists(OperatorDirectory.DefaultFile(fleet)))
        {
            SecureFiles.WritePublic(OperatorDirectory.DefaultFile(fleet), name + "\n");
        }

        output.WriteLine($"Added operator {name} ({OperatorRegistry.RoleName(role)}): certificate {OperatorDirectory.Certificate(fleet, name)} (CN {OperatorDirectory.BrokerUser(name)}, serial {certificate.Serial}, valid until {certificate.NotAfter:yyyy-MM-dd}).");
        output.WriteLine("Re-run broker-config and reload Mosquitto to give it its broker rights on the operator port.");
        return 0;
    }

    /// <summary>The operators' own CA, made the first time an operator is added.</summary>
    public static void EnsureOperatorsCa(FleetDirectory fleet, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        if (File.Exists(OperatorDirectory.CaCertificate(fleet)) && File.Exists(OperatorDirectory.CaKey(fleet)))
        {
            return;
        }

        var (certificate, key) = FleetAuthority.CreateRoot("KioskAssist fleet operators CA", now);
        using (certificate)
        using (key)
        {
            SecureFiles.WriteSecret(OperatorDirectory.CaKey(fleet), key.ExportPkcs8PrivateKeyPem());
            SecureFiles.WritePublic(OperatorDirectory.CaCertificate(fleet), certificate.ExportCertificatePem());
        }
    }

    private static int List(FleetDirectory fleet, TextWriter output)
    {
        fleet.RequireCa();
        using var registry = OperatorRegistry.Open(fleet);
        var chosen = DefaultName(fleet);
        output.WriteLine($"{"NAME",-20} {"ROLE",-10} {"SERIAL",-34} ADDED");
        foreach (var entry in registry.Operators())
        {
            output.WriteLine($"{entry.Name,-20} {OperatorRegistry.RoleName(entry.Role),-10} {entry.Serial,-34} {entry.AddedAt:yyyy-MM-dd}{(entry.Removed ? " (removed)" : entry.Name == chosen ? " (default)" : string.Empty)}");
        }

        return 0;
    }

    internal static string? DefaultName(FleetDirectory fleet) =>
        File.Exists(OperatorDirectory.DefaultFile(fleet)) ? File.ReadAllText(OperatorDirectory.DefaultFile(fleet)).Trim() : null;

    private static OperatorEntry Active(FleetDirectory fleet, string name)
    {
        fleet.RequireCa();
        using var registry = OperatorRegistry.Open(fleet);
        return registry.Operators().FirstOrDefault(o => o.Name == name && !o.Removed) ?? throw new FleetException($"no operator named {name} (see 'kafleet operator list').");
    }
}
