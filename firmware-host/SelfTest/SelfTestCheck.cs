namespace KioskAssist.FirmwareHost.SelfTest;

/// <summary>One line of the self-test's report: what was checked, whether it passed, and what the technician should know.</summary>
/// <param name="Name">A short word: settings, model, answers, questions, gpio, storage.</param>
/// <param name="Detail">What was found; on failure, the reason and the key or command that fixes it.</param>
/// <param name="Milliseconds">How long the check took (model loading dominates, and is slow under emulation).</param>
public sealed record SelfTestCheck(string Name, bool Passed, string Detail, double Milliseconds = 0);
