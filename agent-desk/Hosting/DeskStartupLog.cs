using KioskAssist.AgentDesk.Live;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace KioskAssist.AgentDesk.Hosting;

/// <summary>Says once at start where the desk serves and keeps its data; touching the account store creates the data folder.</summary>
public sealed class DeskStartupLog(
    IServer server, IHostApplicationLifetime lifetime, DeskState state, Accounts.AgentStore accounts, IOptions<DeskOptions> desk, ILogger<DeskStartupLog> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Log.DataDirectory(logger, desk.Value.DataPath);
        _ = accounts.Count();
        lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            Log.DeskListening(logger, state.DeskId, string.Join(", ", addresses));
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
