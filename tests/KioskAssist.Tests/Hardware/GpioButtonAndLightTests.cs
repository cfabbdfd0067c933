using System.Device.Gpio;
using System.Net.Http.Json;
using System.Text.Json;
using KioskAssist.FirmwareHost.Hardware;
using KioskAssist.FirmwareHost.HelpCall;
using KioskAssist.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace KioskAssist.Tests.Hardware;

/// <summary>
/// The kiosk in Gpio mode with a fake GPIO driver under the real GpioController, GpioButton and light code:
/// the pins, debounce, press, hold and light patterns as wired on a Pi (button BCM 17 to ground, light BCM 27).
/// </summary>
[Trait("Category", "Integration")]
public sealed class GpioButtonAndLightTests
{
    private const int Button = 17;
    private const int Light = 27;
    private readonly FakeGpioDriver _driver = new();

    [Fact]
    public async Task Pressing_the_button_calls_a_person_and_the_light_starts_blinking()
    {
        await using var kiosk = await StartAsync();
        Assert.Equal(PinMode.InputPullUp, _driver.ModeOf(Button));
        Assert.Equal(PinMode.Output, _driver.ModeOf(Light));

        _driver.Drive(Button, PinValue.Low); // pressed: pulled to ground
        _driver.Drive(Button, PinValue.High);

        var view = await Eventually.ValueAsync(() => kiosk.Get<HelpCallCoordinator>().View());
        Assert.Equal(KioskAssist.Protocol.Messages.HelpReason.Button, view.Reason);
        await Eventually.TrueAsync(() => kiosk.Get<StatusLight>().Pattern is LightPattern.SlowBlink or LightPattern.DoubleBlink);
        await Eventually.TrueAsync(() => _driver.Writes.Count(w => w.Pin == Light && w.Value == PinValue.High) >= 2); // it blinks
    }

    [Fact]
    public async Task Holding_the_button_cancels_the_call_and_the_light_goes_off()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var kiosk = await StartAsync(clock, "--Hardware:HoldToCancelSeconds=1");
        _driver.Drive(Button, PinValue.Low);
        _driver.Drive(Button, PinValue.High);
        await Eventually.ValueAsync(() => kiosk.Get<HelpCallCoordinator>().View());

        _driver.Drive(Button, PinValue.Low);
        await Eventually.TrueAsync(() => kiosk.Get<HelpButtonHandler>().Presses == 2, "the second press (its hold check is set first)");
        clock.Advance(TimeSpan.FromSeconds(0.9));
        Assert.NotNull(kiosk.Get<HelpCallCoordinator>().View()); // the fake clock's timers run inside Advance: not held long enough yet
        clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Null(kiosk.Get<HelpCallCoordinator>().View());
        _driver.Drive(Button, PinValue.High);

        await Eventually.TrueAsync(() => kiosk.Get<StatusLight>().Pattern == LightPattern.Off);
        await Eventually.TrueAsync(() => _driver.ValueOf(Light) == PinValue.Low);
    }

    [Fact]
    public async Task Holding_a_button_that_bounced_as_it_closed_still_cancels()
    {
        await using var kiosk = await StartAsync("--Hardware:HoldToCancelSeconds=1", "--Hardware:DebounceMilliseconds=200");
        _driver.Drive(Button, PinValue.Low);
        _driver.Drive(Button, PinValue.High);
        await Eventually.ValueAsync(() => kiosk.Get<HelpCallCoordinator>().View());
        await Task.Delay(300, TestContext.Current.CancellationToken); // past the lockout, so the next press counts

        _driver.Drive(Button, PinValue.Low);  // press …
        _driver.Drive(Button, PinValue.High); // … bounce open …
        _driver.Drive(Button, PinValue.Low);  // … and closed again, held from here

        await Eventually.TrueAsync(() => kiosk.Get<HelpCallCoordinator>().View() is null, timeoutMs: 5000);
    }

    [Fact]
    public async Task A_press_and_release_is_not_a_hold()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var kiosk = await StartAsync(clock, "--Hardware:HoldToCancelSeconds=1");
        _driver.Drive(Button, PinValue.Low);
        _driver.Drive(Button, PinValue.High);
        await Eventually.ValueAsync(() => kiosk.Get<HelpCallCoordinator>().View()); // the press's hold check is set before the call starts

        clock.Advance(TimeSpan.FromSeconds(1.5)); // the hold check runs inside Advance, and finds the button released

        Assert.NotNull(kiosk.Get<HelpCallCoordinator>().View());
    }

    [Fact]
    public async Task Contact_bounce_within_the_debounce_time_is_one_press()
    {
        await using var kiosk = await StartAsync("--Hardware:DebounceMilliseconds=200");

        for (var i = 0; i < 5; i++)
        {
            _driver.Drive(Button, PinValue.Low);
            _driver.Drive(Button, PinValue.High);
        }

        await Eventually.ValueAsync(() => kiosk.Get<HelpCallCoordinator>().View());
        Assert.Equal(1, kiosk.Get<HelpButtonHandler>().Presses);
        using var client = kiosk.CreateClient();
        using var health = JsonDocument.Parse(await client.GetStringAsync("/health", TestContext.Current.CancellationToken));
        Assert.Equal("gpio", health.RootElement.GetProperty("hardware").GetProperty("mode").GetString());
    }

    [Fact]
    public async Task A_failing_handler_never_reaches_the_gpio_thread_and_the_next_press_works()
    {
        await using var kiosk = await StartAsync();
        var handler = kiosk.Get<HelpButtonHandler>();
        kiosk.Get<HelpCallCoordinator>().Changed += ThrowOnce;

        var pressed = Record.Exception(() =>
        {
            _driver.Drive(Button, PinValue.Low);
            _driver.Drive(Button, PinValue.High);
        });

        Assert.Null(pressed);
        Assert.NotNull(handler.LastPressed);
        using var client = kiosk.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/help/cancel", new { }, TestContext.Current.CancellationToken);
        _driver.Drive(Button, PinValue.Low);
        _driver.Drive(Button, PinValue.High);
        await Eventually.ValueAsync(() => kiosk.Get<HelpCallCoordinator>().View());

        void ThrowOnce()
        {
            kiosk.Get<HelpCallCoordinator>().Changed -= ThrowOnce;
            throw new InvalidOperationException("a screen subscriber failed");
        }
    }

    private Task<KioskServer> StartAsync(params string[] settings) => StartAsync(clock: null, settings);

    /// <param name="clock">A fake clock for the hold checks (and the whole kiosk), or null for the real one.</param>
    private Task<KioskServer> StartAsync(FakeTimeProvider? clock, params string[] settings) =>
        KioskServer.StartAsync(["--Hardware:Mode=Gpio", "--Hardware:DebounceMilliseconds=0", .. settings], dataDirectory: null, services =>
        {
            services.RemoveAll<GpioController>();
            services.AddSingleton(new GpioController(_driver));
            if (clock is not null)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(clock);
            }
        });


}
