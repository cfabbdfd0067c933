using System.Collections.Concurrent;

namespace KioskAssist.AgentDesk.Web;

/// <summary>
/// The requests in flight per session, so that ending a session also cuts what it has open now: the live event
/// stream (<c>/api/events</c>) was authorized when it began and would otherwise keep showing the queue to an agent
/// who signed out everywhere or was removed. Ending a session aborts those connections; the next request is refused
/// by <see cref="SessionCookieEvents"/>.
/// </summary>
/// <remarks>Thread-safe. Entries live only while their request does.</remarks>
public sealed class OpenSessions
{
    private readonly ConcurrentDictionary<HttpContext, (string AgentId, string SessionId)> _open = new();

    /// <summary>Tracks each signed-in request; runs after authentication.</summary>
    public static IApplicationBuilder UseOpenSessions(IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (AgentIdentity.SessionOf(context.User) is not { } session)
            {
                await next(context);
                return;
            }

            var open = context.RequestServices.GetRequiredService<OpenSessions>();
            open._open[context] = (session.AgentId, session.SessionId);
            try
            {
                await next(context);
            }
            finally
            {
                open._open.TryRemove(context, out _);
            }
        });

    /// <summary>Aborts the account's open requests (only <paramref name="sessionId"/>'s when given), except <paramref name="except"/>. Returns how many.</summary>
    public int Abort(string agentId, string? sessionId = null, HttpContext? except = null)
    {
        var aborted = 0;
        foreach (var (context, owner) in _open)
        {
            if (owner.AgentId == agentId && (sessionId is null || owner.SessionId == sessionId) && !ReferenceEquals(context, except))
            {
                context.Abort();
                aborted++;
            }
        }

        return aborted;
    }
}
