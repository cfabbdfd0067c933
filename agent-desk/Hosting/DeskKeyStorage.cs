using KioskAssist.AgentDesk.Accounts;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace KioskAssist.AgentDesk.Hosting;

/// <summary>
/// Keeps the keys that sign session cookies in <c>{Desk:DataDirectory}/keys</c> (0700), beside the accounts. The keys
/// are protected by the folder's permissions, not encrypted at rest (hence DataProtection's warning is turned down in
/// appsettings.json); a leaked key lets someone forge a session, so the folder is treated like the password file.
/// </summary>
public sealed class DeskKeyStorage(IOptions<DeskOptions> desk, ILoggerFactory loggers) : IConfigureOptions<KeyManagementOptions>
{
    public void Configure(KeyManagementOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var keys = Path.Combine(desk.Value.DataPath, "keys");
        DataFiles.CreatePrivateDirectory(desk.Value.DataPath);
        DataFiles.CreatePrivateDirectory(keys);
        options.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(keys), loggers);
    }
}
