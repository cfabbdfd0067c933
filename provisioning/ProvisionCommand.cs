using System.CommandLine;

namespace KioskAssist.Provisioning;

/// <summary><c>provision --site S --kiosk K</c> or <c>provision --csv devices.csv</c>, with the broker, pins and store facts for the bundles.</summary>
public static class ProvisionCommand
{
    public static Command Create(TextWriter output, TextWriter error, bool interactive)
    {
        var dir = FleetCli.DirOption();
        var site = new Option<string?>("--site") { Description = "Site (store) id of a single kiosk." };
        var kiosk = new Option<string?>("--kiosk") { Description = "Kiosk id within its site." };
        var csv = new Option<string?>("--csv") { Description = "Provision many: a CSV with columns site,kiosk[,broker_host,broker_port]." };
        var host = new Option<string>("--broker-host") { Description = "Broker host name the kiosks connect to (must be in the broker certificate).", DefaultValueFactory = _ => "localhost" };
        var port = new Option<int>("--broker-port") { Description = "Broker TLS port.", DefaultValueFactory = _ => 8883 };
        var facts = new Option<string?>("--store-facts") { Description = "JSON file with the store's Name and Facts per language (default: the demo store)." };
        var buttonPin = new Option<int?>("--button-pin") { Description = "BCM pin of the call button (default: the kiosk's, 17)." };
        var lightPin = new Option<int?>("--light-pin") { Description = "BCM pin of the button's light (default: the kiosk's, 27)." };
        var rotate = new Option<bool>("--rotate") { Description = "Issue new keys to kiosks already provisioned (without it they keep theirs; revoked kiosks are never issued again)." };

        var command = new Command("provision", "Issue a key and certificate for new kiosks and write their bundles; running it again changes nothing for kiosks already provisioned unless --rotate.")
        {
            dir, site, kiosk, csv, host, port, facts, buttonPin, lightPin, rotate,
        };
        command.SetAction(result => FleetCli.Run(error, () =>
        {
            var (brokerHost, brokerPort) = (result.GetValue(host)!, result.GetValue(port));
            if (brokerPort is < 1 or > 65535)
            {
                throw new FleetException($"--broker-port {brokerPort} is not a port number.");
            }

            IReadOnlyList<DeviceRequest> devices = (result.GetValue(csv), result.GetValue(site), result.GetValue(kiosk)) switch
            {
                ({ } file, null, null) => DeviceCsv.Read(file, brokerHost, brokerPort),
                (null, { } s, { } k) => [new DeviceRequest(s, k, brokerHost, brokerPort)],
                _ => throw new FleetException("give either --site and --kiosk, or --csv."),
            };
            var settings = KioskSettings.Defaults().WithPins(result.GetValue(buttonPin), result.GetValue(lightPin));
            PinRules.Check(settings.Hardware["ButtonPin"]!.GetValue<int>(), settings.Hardware["LightPin"]!.GetValue<int>(), settings.Hardware["ButtonPullUp"]!.GetValue<bool>());
            if (result.GetValue(facts) is { } factsFile)
            {
                settings.WithStoreFacts(factsFile);
            }

            new Provisioner(new FleetDirectory(result.GetValue(dir)!), TimeProvider.System).Provision(devices, settings, output, interactive, result.GetValue(rotate));
            return 0;
        }));
        return command;
    }
}
