using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KioskAssist.Protocol.Hosting;

/// <summary>How every KioskAssist host registers a settings section: bound, checked at start, failures named by key.</summary>
public static class ValidatedOptionsExtensions
{
    /// <typeparam name="TAnnotations">The build-time generated <c>[OptionsValidator]</c> for the section's data annotations.</typeparam>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions, TAnnotations>(this IServiceCollection services, string section)
        where TOptions : class
        where TAnnotations : class, IValidateOptions<TOptions>, new()
    {
        services.AddSingleton<IValidateOptions<TOptions>>(new ConfigurationKeyValidator<TOptions>(section, new TAnnotations()));
        return services.AddOptionsWithValidateOnStart<TOptions>().BindConfiguration(section);
    }
}
