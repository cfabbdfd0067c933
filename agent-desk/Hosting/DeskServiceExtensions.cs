using System.Net;
using KioskAssist.AgentDesk.Accounts;
using KioskAssist.AgentDesk.Live;
using KioskAssist.AgentDesk.Web;
using KioskAssist.Protocol;
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
        services.AddSingleton(sp => new AgentStore(sp.GetRequiredService<IOptions<DeskOptions>>().Value.DataPath, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<SessionStore>();
        services.AddSingleton<OpenSessions>();
        // The setup token goes to standard output directly, never through a logger (structured logs are shipped elsewhere).
        services.AddSingleton(sp => new SetupToken(sp.GetRequiredService<AgentStore>(), sp.GetRequiredService<IOptions<DeskOptions>>().Value.DataPath, Console.Out));
        services.AddSingleton(sp => new DeskState(
            sp.GetRequiredService<IOptions<DeskOptions>>().Value.EffectiveIdFor(sp.GetRequiredService<IOptions<BrokerSettings>>().Value.Username),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<DropCounters>();
        services.AddSingleton<MessageIntake>();
        services.AddSingleton<DeskBrokerLink>();
        services.AddSingleton<IKioskActions>(sp => sp.GetRequiredService<DeskBrokerLink>());
        services.AddSingleton<IStaffActions>(sp => sp.GetRequiredService<DeskBrokerLink>());
        services.AddHostedService(sp => sp.GetRequiredService<DeskBrokerLink>());
        services.AddHostedService<DeskStartupLog>();
        services.AddHostedService<DeskRetention>();

        // Session keys live in the data folder, so agents stay signed in across restarts of the desk.
        services.AddDataProtection().SetApplicationName("kioskassist-desk");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>, DeskKeyStorage>();
        var development = builder.Environment.IsDevelopment();
        services.AddSingleton<SessionCookieEvents>();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(cookie =>
        {
            cookie.Cookie.Name = "ka-desk";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            // Outside Development the desk is reached through a TLS proxy: the cookie never travels over plain http.
            cookie.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            cookie.ExpireTimeSpan = SessionStore.IdleLifetime;
            cookie.SlidingExpiration = true;
            // Checks the server-side session on every request; answers 401/403 instead of redirecting.
            cookie.EventsType = typeof(SessionCookieEvents);
        });
        services.AddAuthorizationBuilder().AddPolicy(DeskPolicies.Admin, policy => policy.RequireRole(DeskRoles.Admin));
        services.AddProblemDetails();

        // Forwarded headers only from the configured proxies; HSTS (outside Development) on every https answer.
        services.AddSingleton<IConfigureOptions<ForwardedHeadersOptions>, DeskForwardedHeaders>();
        services.AddHsts(hsts =>
        {
            hsts.MaxAge = TimeSpan.FromDays(365);
            // The proxy may pass the request on with Host 127.0.0.1; https to the desk is what counts, not the name.
            hsts.ExcludedHosts.Clear();
        });

        services.ConfigureHttpJsonOptions(json =>
            json.SerializerOptions.Converters.Add(ProtocolJson.EnumsByName()));

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Reading the options here validates them, so a bad address stops the host with the key's name.
            var desk = kestrel.ApplicationServices.GetRequiredService<IOptions<DeskOptions>>().Value;
            kestrel.Listen(IPAddress.Parse(desk.BindAddress), desk.Port);
            kestrel.Limits.MaxRequestBodySize = 64 * 1024;
        });
        return builder;
    }
}
