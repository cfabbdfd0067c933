namespace KioskAssist.FirmwareHost.SelfTest;

/// <summary>A self-test check found something wrong; the message is the report's line, written for the technician.</summary>
public sealed class SelfTestFailure : Exception
{
    public SelfTestFailure()
        : base("The self-test failed.")
    {
    }

    public SelfTestFailure(string message)
        : base(message)
    {
    }

    public SelfTestFailure(string message, Exception inner)
        : base(message, inner)
    {
    }
}
