using KioskAssist.FirmwareHost.Hardware;
using KioskAssist.FirmwareHost.SelfTest;

namespace KioskAssist.Tests.Unit;

/// <summary>The self-test's GPIO verdicts, with the OS's answers (chip, permissions, libgpiod) given by a fake.</summary>
[Trait("Category", "Unit")]
public sealed class GpioCheckTests
{
    private readonly FakeGpioSystem _system = new();

    [Fact]
    public void Default_pins_on_a_pi_name_the_header_pins_and_the_driver()
    {
        var check = GpioCheck.Run(new HardwareOptions(), HardwareMode.Gpio, _system);

        Assert.True(check.Passed, check.Detail);
        Assert.Contains("button GPIO 17 (header pin 11)", check.Detail, StringComparison.Ordinal);
        Assert.Contains("light GPIO 27 (header pin 13)", check.Detail, StringComparison.Ordinal);
        Assert.Contains("driver libgpiod on /dev/gpiochip0: present", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Button_and_light_on_one_pin_fail()
    {
        var check = GpioCheck.Run(new HardwareOptions { ButtonPin = 22, LightPin = 22 }, HardwareMode.Gpio, _system);

        Assert.False(check.Passed);
        Assert.Contains("Hardware:ButtonPin and Hardware:LightPin are both GPIO 22", check.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(28, 27, "Hardware:ButtonPin 28")]
    [InlineData(17, 53, "Hardware:LightPin 53")]
    public void A_pin_the_header_does_not_have_fails_naming_the_key(int button, int light, string expected)
    {
        var check = GpioCheck.Run(new HardwareOptions { ButtonPin = button, LightPin = light }, HardwareMode.Gpio, _system);

        Assert.False(check.Passed);
        Assert.Contains(expected, check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void No_chip_off_the_pi_is_reported_but_passes()
    {
        _system.Chip = false;
        _system.Library = false;

        var check = GpioCheck.Run(new HardwareOptions { GpioChip = 4 }, HardwareMode.Gpio, _system);

        Assert.True(check.Passed, check.Detail);
        Assert.Contains("/dev/gpiochip4 is not on this machine", check.Detail, StringComparison.Ordinal);
        Assert.Contains("libgpiod.so.2 missing", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chip_the_user_cannot_open_fails_naming_the_gpio_group()
    {
        _system.AccessProblem = "Access to the path '/dev/gpiochip0' is denied.";

        var check = GpioCheck.Run(new HardwareOptions(), HardwareMode.Gpio, _system);

        Assert.False(check.Passed);
        Assert.Contains("needs the gpio group", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chip_without_libgpiod_fails_naming_the_package()
    {
        _system.Library = false;

        var check = GpioCheck.Run(new HardwareOptions(), HardwareMode.Gpio, _system);

        Assert.False(check.Passed);
        Assert.Contains("apt install libgpiod2", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulated_mode_opens_nothing_and_says_the_button_does_nothing()
    {
        _system.Chip = false;

        var check = GpioCheck.Run(new HardwareOptions(), HardwareMode.Simulated, _system);

        Assert.True(check.Passed);
        Assert.Contains("physical button does nothing", check.Detail, StringComparison.Ordinal);
        Assert.Equal(0, _system.Asked);
    }

    private sealed class FakeGpioSystem : IGpioSystem
    {
        public bool Chip { get; set; } = true;

        public bool Library { get; set; } = true;

        public string? AccessProblem { get; set; }

        public int Asked { get; private set; }

        public bool ChipExists(string path)
        {
            Asked++;
            return Chip;
        }

        public string? ChipAccessProblem(string path)
        {
            Asked++;
            return AccessProblem;
        }

        public bool LibraryLoads(string name)
        {
            Asked++;
            return Library;
        }
    }
}
