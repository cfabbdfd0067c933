namespace KioskAssist.Provisioning;

/// <summary>
/// Shows bulk progress: on a terminal one bar redrawn in place, otherwise (a pipe, a log file, a test) one plain line
/// per item so the output stays greppable. Not thread-safe.
/// </summary>
public sealed class ProgressReporter(TextWriter output, int total, bool interactive)
{
    private const int Width = 30;
    private int _done;

    public void Report(string line)
    {
        _done++;
        if (!interactive)
        {
            output.WriteLine(line);
            return;
        }

        var filled = total == 0 ? Width : _done * Width / total;
        output.Write($"\r[{new string('#', filled)}{new string('.', Width - filled)}] {_done}/{total}");
        if (_done == total)
        {
            output.WriteLine();
        }
    }
}
