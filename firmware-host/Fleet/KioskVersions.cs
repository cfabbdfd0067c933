using KioskAssist.FirmwareHost.Answers;
using KioskAssist.FirmwareHost.Kiosk;
using KioskAssist.FirmwareHost.Model;

namespace KioskAssist.FirmwareHost.Fleet;

/// <summary>
/// What the kiosk is running, as presence and metrics report it. The one place the fleet reports read the model's
/// and the answers' versions: rollouts swap both at run time, so each read asks the current holder (thread-safe).
/// </summary>
public sealed class KioskVersions(ActiveModel model, StoreAnswers answers)
{
    public string Firmware => KioskOptions.Firmware;

    public string Model => model.Version;

    public string Answers => answers.Version;
}
