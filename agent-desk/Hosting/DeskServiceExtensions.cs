using System.Net;
using System.Text.Json.Serialization;
using KioskAssist.AgentDesk.Accounts;
using KioskAssist.AgentDesk.Live;
using KioskAssist.Protocol.Broker;
using KioskAssist.Protocol.Hosting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace KioskAssist.AgentDesk.Hosting;

/// <summary>Registers everything the desk runs: validated options, accounts and sign-in, the live state and its broker link.</summary>
public static class DeskServiceExtensions
{
    public static WebApplicationBuilder AddDesk(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.AddValidatedOptions<DeskOptions, DeskOptionsAnnotations>(DeskOptions.Section);
        services.AddSingleton<IValidateOptions<DeskOptions>, DeskOptionsRules>();
        services.AddValidatedOptions<BrokerSettings, BrokerSettingsAnnotations>(BrokerSettings.Section);
        services.AddSingleton<IValidateOptions<BrokerSettings>, BrokerSettingsRules>();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new AgentStore(sp.GetRequiredService<IOptions<DeskOptions>>().Value.DataPath));
        services.AddSingleton(sp => new DeskState(
            sp.GetRequiredService<IOptions<DeskOptions>>().Value.EffectiveIdFor(sp.GetRequiredService<IOptions<BrokerSettings>>().Value.Username),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<DropCounters>();
        services.AddSingleton<MessageIntake>();
        services.AddSingleton<DeskBrokerLink>();
        services.AddSingleton<IKioskActions>(sp => sp.GetRequiredService<DeskBrokerLink>());
        services.AddHostedService(sp => sp.GetRequiredService<DeskBrokerLink>());
        services.AddHostedService<DeskStartupLog>();

        // Session keys live in the data folder, so agents stay signed in across restarts of the desk.
        services.AddDataProtection().SetApplicationName("kioskassist-desk");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>, DeskKeyStorage>();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(cookie =>
        {
            cookie.Cookie.Name = "ka-desk";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // https behind the proxy, http on loopback
            cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
            cookie.SlidingExpiration = true;
            // An API, not a site of forms: say 401/403 instead of redirecting to a login page.
            cookie.Events.OnRedirectToLogin = context => Status(context.Response, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => Status(context.Response, StatusCodes.Status403Forbidden);
        });
        services.AddAuthorization();

        services.ConfigureHttpJsonOptions(json =>
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.SnakeCaseLower)));

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Reading the options here validates them, so a bad address stops the host with the key's name.
            var desk = kestrel.ApplicationServices.GetRequiredService<IOptions<DeskOptions>>().Value;
            kestrel.Listen(IPAddress.Parse(desk.BindAddress), desk.Port);
            kestrel.Limits.MaxRequestBodySize = 64 * 1024;
        });
        return builder;
    }

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }
}
