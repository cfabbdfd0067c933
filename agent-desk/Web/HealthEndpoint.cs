using KioskAssist.AgentDesk.Live;

namespace KioskAssist.AgentDesk.Web;

/// <summary><c>/health</c>: whether the desk reaches the broker, what it holds, and how many broker messages it dropped and why.</summary>
public static class HealthEndpoint
{
    public static IEndpointRouteBuilder MapDeskHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", (DeskState state, DropCounters drops, IHostEnvironment environment) =>
        {
            var view = state.View();
            return new
            {
                status = view.BrokerConnected ? "ready" : "degraded",
                desk = state.DeskId,
                broker = view.BrokerConnected ? "connected" : "disconnected",
                requests = view.Requests.Count,
                agentsHere = state.LocalAgents,
                agentsOnline = view.AgentsOnline,
                dropped = drops.Snapshot(),
                environment = environment.EnvironmentName,
            };
        });
        return app;
    }
}
