using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Options;

namespace KioskAssist.FirmwareHost.Hosting;

/// <summary>
/// The kiosk's own settings file (a device bundle's <c>appsettings.Production.json</c>), wherever it lives:
/// <c>--config FILE</c> or the <c>KIOSKASSIST_CONFIG</c> environment variable, else the one beside the binary (a link to
/// the bundle's, as install.sh makes). Paths to the bundle's files in it (<c>Broker:*File</c>, <c>Rollout:PublicKeyFile</c>)
/// may be relative: they are relative to the file's real folder, so a bundle runs from any folder without overrides.
/// </summary>
public static class KioskConfigFile
{
    public const string EnvironmentVariable = "KIOSKASSIST_CONFIG";

    private static readonly string[] PathKeys = ["Broker:CaCertificateFile", "Broker:ClientCertificateFile", "Broker:ClientKeyFile", "Rollout:PublicKeyFile"];

    /// <summary>The file <c>--config FILE</c> (or <c>--config=FILE</c>) names, else <c>KIOSKASSIST_CONFIG</c>, else null.</summary>
    public static string? Requested(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--config" && i + 1 < args.Length)
            {
                return args[i + 1];
            }

            if (args[i].StartsWith("--config=", StringComparison.Ordinal))
            {
                return args[i]["--config=".Length..];
            }
        }

        return Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null;
    }

    /// <summary>
    /// Adds the requested file after the appsettings files (environment variables and the command line still override it)
    /// and resolves relative bundle paths. A requested file that does not exist stops the kiosk, naming it.
    /// </summary>
    public static WebApplicationBuilder AddKioskConfigFile(this WebApplicationBuilder builder, string[] args)
    {
        ArgumentNullException.ThrowIfNull(builder);
        string? folder = null;
        if (Requested(args) is { } requested)
        {
            var full = Path.GetFullPath(requested);
            if (!File.Exists(full))
            {
                throw new OptionsValidationException("--config", typeof(string), [$"--config (or {EnvironmentVariable}) names '{full}', which does not exist."]);
            }

            var source = new JsonConfigurationSource { Path = full, Optional = false, ReloadOnChange = false };
            source.ResolveFileProvider();
            var sources = builder.Configuration.Sources;
            var afterJson = sources.Select((s, i) => (s, i)).Where(p => p.s is JsonConfigurationSource).Select(p => p.i + 1).DefaultIfEmpty(0).Max();
            sources.Insert(afterJson, source);
            folder = RealFolder(full);
        }
        else if (Path.Combine(builder.Environment.ContentRootPath, $"appsettings.{builder.Environment.EnvironmentName}.json") is var beside && File.Exists(beside))
        {
            folder = RealFolder(beside);
        }

        if (folder is null)
        {
            return builder;
        }

        var resolved = PathKeys
            .Select(key => (key, value: builder.Configuration[key]))
            .Where(p => !string.IsNullOrEmpty(p.value) && !Path.IsPathRooted(p.value))
            .ToDictionary(p => p.key, p => (string?)Path.Combine(folder, p.value!));
        if (resolved.Count > 0)
        {
            builder.Configuration.AddInMemoryCollection(resolved);
        }

        return builder;
    }

    /// <summary>The folder of the file a path (or a link to it) names.</summary>
    private static string RealFolder(string path) =>
        Path.GetDirectoryName(new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path)!;
}
