using System.Device.Gpio;
using Microsoft.Extensions.Options;

namespace KioskAssist.FirmwareHost.Hardware;

/// <summary>Registers the real button and light, or the simulated ones, as <c>Hardware:Mode</c> says.</summary>
public static class HardwareRegistration
{
    public static HardwareMode AddKioskHardware(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configured = builder.Configuration[$"{HardwareOptions.Section}:Mode"];
        HardwareMode? mode = null;
        if (!string.IsNullOrEmpty(configured))
        {
            if (!Enum.TryParse<HardwareMode>(configured, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                throw new OptionsValidationException(HardwareOptions.Section, typeof(HardwareOptions),
                    [$"Hardware:Mode must be Gpio or Simulated (got '{configured}')."]);
            }

            mode = parsed;
        }

        var effective = mode ?? (builder.Environment.IsDevelopment() ? HardwareMode.Simulated : HardwareMode.Gpio);
        var services = builder.Services;
        services.AddSingleton<HelpButtonHandler>();
        if (effective == HardwareMode.Gpio)
        {
            services.AddSingleton(sp => GpioControllerFactory.Create(
                sp.GetRequiredService<IOptions<HardwareOptions>>().Value,
                sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GpioControllerFactory))));
            services.AddSingleton<ILightOutput, GpioLight>();
            services.AddHostedService<GpioHelpButton>();
        }
        else
        {
            services.AddSingleton<SimulatedLight>();
            services.AddSingleton<ILightOutput>(sp => sp.GetRequiredService<SimulatedLight>());
        }

        services.AddSingleton<StatusLight>();
        services.AddHostedService(sp => sp.GetRequiredService<StatusLight>());
        return effective;
    }
}
