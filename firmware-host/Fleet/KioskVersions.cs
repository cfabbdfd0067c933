using KioskAssist.FirmwareHost.Answers;
using KioskAssist.FirmwareHost.Kiosk;
using KioskAssist.Intent;

namespace KioskAssist.FirmwareHost.Fleet;

/// <summary>
/// What the kiosk is running, as presence and metrics report it. The one place the fleet reports read the model's
/// and the answers' versions: when rollouts swap the model at run time, only this class needs to follow the holder
/// of the active one. Thread-safe: each read asks the current source.
/// </summary>
public sealed class KioskVersions(IntentModel model, StoreAnswers answers)
{
    public string Firmware => KioskOptions.Firmware;

    public string Model => model.Version;

    public string Answers => answers.Version;
}
