using System.Globalization;

namespace KioskAssist.FleetSimulator;

/// <summary>Reads what Linux says about a process under /proc: memory, the open-files limit, the load average.</summary>
public static class ProcessFigures
{
    /// <summary>A kB field of <c>/proc/{pid}/status</c> (<c>VmRSS</c>, <c>VmHWM</c>); null when unreadable.</summary>
    public static long? StatusKilobytes(int pid, string field)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The soft limit on open files (<c>ulimit -n</c>) of a process; null when unreadable, long.MaxValue when unlimited.</summary>
    public static long? OpenFilesLimit(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
            var soft = line?["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
            return soft is null ? null : soft == "unlimited" ? long.MaxValue : long.Parse(soft, CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The 1, 5 and 15 minute load averages, as <c>/proc/loadavg</c> has them.</summary>
    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
