using System.Globalization;

namespace KioskAssist.Provisioning;

/// <summary>
/// Reads the bulk provisioning CSV: a header with <c>site,kiosk</c> and optionally <c>broker_host,broker_port</c>;
/// an empty optional cell takes the command-line value. Ids and host names cannot contain commas or quotes, so a
/// plain split is exact, and a quote is refused rather than misread. Every bad row is reported at once, each with its
/// line number, so one edit fixes the file.
/// </summary>
public static class DeviceCsv
{
    private static readonly string[] Known = ["site", "kiosk", "broker_host", "broker_port"];

    public static IReadOnlyList<DeviceRequest> Read(string path, string defaultHost, int defaultPort)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0)
        {
            throw new FleetException($"{path} is empty; expected a header 'site,kiosk[,broker_host,broker_port]'.");
        }

        var header = lines[0].Split(',').Select(h => h.Trim().ToLowerInvariant()).ToArray();
        if (header.FirstOrDefault(h => !Known.Contains(h)) is { } unknown)
        {
            throw new FleetException($"{path}: unknown column '{unknown}' (known: {string.Join(", ", Known)}).");
        }

        int Column(string name) => Array.IndexOf(header, name);
        var (site, kiosk, host, port) = (Column("site"), Column("kiosk"), Column("broker_host"), Column("broker_port"));
        if (site < 0 || kiosk < 0)
        {
            throw new FleetException($"{path}: the header must name the columns 'site' and 'kiosk'.");
        }

        var devices = new List<DeviceRequest>();
        var problems = new List<string>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            if (lines[i].Contains('"', StringComparison.Ordinal))
            {
                problems.Add($"{path}:{i + 1}: quotes are not allowed (ids and host names never need them).");
                continue;
            }

            var cells = lines[i].Split(',').Select(c => c.Trim()).ToArray();
            if (cells.Length != header.Length)
            {
                problems.Add($"{path}:{i + 1}: {cells.Length} cells, the header has {header.Length}.");
                continue;
            }

            string Cell(int column) => column >= 0 ? cells[column] : string.Empty;
            var brokerPort = defaultPort;
            if (Cell(port).Length > 0 && (!int.TryParse(Cell(port), NumberStyles.None, CultureInfo.InvariantCulture, out brokerPort) || brokerPort is < 1 or > 65535))
            {
                problems.Add($"{path}:{i + 1}: broker_port '{Cell(port)}' is not a port number.");
                continue;
            }

            devices.Add(new DeviceRequest(Cell(site), Cell(kiosk), Cell(host) is { Length: > 0 } h ? h : defaultHost, brokerPort, $"{path}:{i + 1}"));
        }

        if (problems.Count > 0)
        {
            // The rows that read well are checked too (ids, hosts, duplicates), so every problem is listed in one go.
            problems.AddRange(ProvisionPlan.Problems(devices));
            throw new FleetException(ProvisionPlan.Describe(problems));
        }

        return devices;
    }
}
