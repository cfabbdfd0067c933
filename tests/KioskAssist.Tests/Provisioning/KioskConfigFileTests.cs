using KioskAssist.FirmwareHost.Hosting;
using KioskAssist.FirmwareHost.Kiosk;
using KioskAssist.FirmwareHost.Rollouts;
using KioskAssist.Protocol.Broker;
using KioskAssist.Provisioning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KioskAssist.Tests.Provisioning;

/// <summary>A bundle runs from wherever it was copied: <c>--config FILE</c> (or KIOSKASSIST_CONFIG) and paths relative to that file.</summary>
[Trait("Category", "Integration")]
public sealed class KioskConfigFileTests : IDisposable
{
    private readonly FleetTool _tool = new();

    [Fact]
    public async Task Config_option_loads_a_bundle_from_any_folder_with_its_files_relative_to_it_and_the_command_line_still_wins()
    {
        _tool.Ok("ca", "init");
        _tool.Ok("provision", "--site", "jkt-01", "--kiosk", "k03", "--broker-host", "mqtt.example.com");
        var bundle = _tool.Fleet.Bundle("jkt-01", "k03");
        await using var app = KioskApplication.Create(["--config", Path.Combine(bundle, BundleFiles.Settings), "--Kiosk:Id=k04"]);
        T Options<T>() where T : class => app.Services.GetRequiredService<IOptions<T>>().Value;

        var broker = Options<BrokerSettings>();
        Assert.Equal(("mqtt.example.com", 8883), (broker.Host, broker.Port));
        Assert.Equal(
            (Path.Combine(bundle, "ca.crt"), Path.Combine(bundle, "kiosk.crt"), Path.Combine(bundle, "kiosk.key")),
            (broker.CaCertificateFile, broker.ClientCertificateFile, broker.ClientKeyFile));
        Assert.Equal(Path.Combine(bundle, "rollout-signing.pub"), Options<RolloutOptions>().PublicKeyFile);
        Assert.True(File.Exists(broker.ClientKeyFile));
        Assert.Equal(("jkt-01", "k04"), (Options<KioskOptions>().Site, Options<KioskOptions>().Id));
    }

    [Fact]
    public void A_config_file_that_does_not_exist_stops_the_kiosk_naming_it()
    {
        var missing = _tool.File("nowhere.json");
        var failure = Assert.Throws<OptionsValidationException>(() => KioskApplication.Create([$"--config={missing}"]));
        Assert.Contains(missing, failure.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _tool.Dispose();
}
