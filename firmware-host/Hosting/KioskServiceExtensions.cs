using System.Net;
using System.Text.Json.Serialization;
using KioskAssist.FirmwareHost.Answers;
using KioskAssist.FirmwareHost.Conversation;
using KioskAssist.FirmwareHost.Model;
using KioskAssist.FirmwareHost.Screen;
using Microsoft.Extensions.Options;

namespace KioskAssist.FirmwareHost.Hosting;

/// <summary>Registers everything the kiosk runs: validated options, the model, the answers, the conversation, the screen.</summary>
public static class KioskServiceExtensions
{
    public static WebApplicationBuilder AddKiosk(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.AddKioskOptions<ScreenOptions, ScreenOptionsAnnotations>(ScreenOptions.Section);
        services.AddSingleton<IValidateOptions<ScreenOptions>, ScreenOptionsRules>();
        services.AddKioskOptions<ModelOptions, ModelOptionsAnnotations>(ModelOptions.Section);
        services.AddKioskOptions<AnswersOptions, AnswersOptionsAnnotations>(AnswersOptions.Section);
        services.AddKioskOptions<StoreOptions, StoreOptionsAnnotations>(StoreOptions.Section);
        services.AddSingleton<IValidateOptions<StoreOptions>, StoreOptionsValidator>();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => ModelLoader.Load(
            sp.GetRequiredService<IOptions<ModelOptions>>().Value,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ModelLoader))));
        services.AddSingleton<StoreAnswers>();
        services.AddSingleton<ShopperConversation>();
        services.AddSingleton<Assistant>();
        services.AddHostedService<KioskStartupCheck>();

        services.ConfigureHttpJsonOptions(json =>
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.SnakeCaseLower)));

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Reading the options here validates them, so a bad address stops the host with the key's name.
            var screen = kestrel.ApplicationServices.GetRequiredService<IOptions<ScreenOptions>>().Value;
            kestrel.Listen(IPAddress.Parse(screen.BindAddress), screen.Port);
            kestrel.Limits.MaxRequestBodySize = 64 * 1024;
        });
        return builder;
    }

    /// <summary>Binds a section, checks its annotations at start, and names failures by configuration key.</summary>
    private static void AddKioskOptions<TOptions, TAnnotations>(this IServiceCollection services, string section)
        where TOptions : class
        where TAnnotations : class, IValidateOptions<TOptions>, new()
    {
        services.AddOptionsWithValidateOnStart<TOptions>().BindConfiguration(section);
        services.AddSingleton<IValidateOptions<TOptions>>(new ConfigurationKeyValidator<TOptions>(section, new TAnnotations()));
    }
}
