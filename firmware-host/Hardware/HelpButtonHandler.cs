using KioskAssist.FirmwareHost.HelpCall;
using KioskAssist.Protocol.Messages;

namespace KioskAssist.FirmwareHost.Hardware;

/// <summary>
/// What a press of the call button means: call a person; holding it while a call is open cancels the call.
/// Free of hardware: the GPIO adapter and the simulated button both call it. Never throws: it runs on the GPIO
/// event thread, which must not see an exception.
/// </summary>
public sealed class HelpButtonHandler(HelpCallCoordinator help, TimeProvider time, ILogger<HelpButtonHandler> logger)
{
    private int _presses;

    /// <summary>When the button was last pressed (for the button-to-desk benchmark).</summary>
    public DateTimeOffset? LastPressed { get; private set; }

    /// <summary>Presses since start, after debounce.</summary>
    public int Presses => Volatile.Read(ref _presses);

    /// <summary>A press. True when the call was saved; false (logged) when saving failed.</summary>
    public bool Pressed()
    {
        LastPressed = time.GetUtcNow();
        Interlocked.Increment(ref _presses);
        Log.ButtonPressed(logger);
        return Guard(() => help.Start(HelpReason.Button));
    }

    public void Held()
    {
        Log.ButtonHeld(logger);
        Guard(() =>
        {
            if (help.IsActive)
            {
                help.Cancel();
            }
        });
    }

    private bool Guard(Action action)
    {
        try
        {
            action();
            return true;
        }
#pragma warning disable CA1031 // Whatever fails, the GPIO thread must live on and the next press must work.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Log.ButtonHandlerFailed(logger, e);
            return false;
        }
    }
}
