using KioskAssist.AgentDesk.Live;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace KioskAssist.AgentDesk.Hosting;

/// <summary>
/// Says once at start where the desk serves, keeps its data and which proxies it believes; touching the account store
/// creates the data folder (and migrates it). With no account yet it issues the one-time setup token.
/// </summary>
public sealed class DeskStartupLog(
    IServer server, IHostApplicationLifetime lifetime, DeskState state, Accounts.SetupToken setup, IOptions<DeskOptions> desk, ILogger<DeskStartupLog> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Log.DataDirectory(logger, desk.Value.DataPath);
        Log.ForwardedHeadersFrom(logger, DeskForwardedHeaders.Describe(desk.Value));
        setup.IssueIfNeeded();
        if (setup.IsPending)
        {
            Log.SetupTokenIssued(logger, setup.FilePath);
        }

        lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            Log.DeskListening(logger, state.DeskId, string.Join(", ", addresses));
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
