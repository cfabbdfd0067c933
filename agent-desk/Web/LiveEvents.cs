using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using KioskAssist.AgentDesk.Accounts;
using KioskAssist.AgentDesk.Live;
using KioskAssist.Protocol;

namespace KioskAssist.AgentDesk.Web;

/// <summary>
/// One Server-Sent Events stream per open desk page: a <c>desk</c> event with the whole <see cref="DeskView"/> at
/// once and after every change (changes in a burst fold into one), and a <c>ping</c> when idle so proxies keep it open.
/// While a stream is open its agent counts as online.
/// </summary>
public static class LiveEvents
{
    private static readonly TimeSpan PingEvery = TimeSpan.FromSeconds(15);

    public static async IAsyncEnumerable<SseItem<string>> StreamAsync(
        AgentAccount agent, DeskState state, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(state);
        state.AgentJoined(agent.Id);
        try
        {
            var sent = -1L;
            while (!cancellationToken.IsCancellationRequested)
            {
                var view = state.ViewFor(agent.Id);
                if (view.Version != sent)
                {
                    sent = view.Version;
                    yield return new SseItem<string>(JsonSerializer.Serialize(view, ProtocolJson.Options), "desk");
                }

                var woke = await WaitAsync(state, sent, cancellationToken);
                if (woke is null)
                {
                    yield break;
                }

                if (woke == false)
                {
                    yield return new SseItem<string>("{}", "ping");
                }
            }
        }
        finally
        {
            state.AgentLeft(agent.Id);
        }
    }

    /// <summary>True on a change, false after <see cref="PingEvery"/> without one, null when the stream ends.</summary>
    private static async Task<bool?> WaitAsync(DeskState state, long seen, CancellationToken cancellationToken)
    {
        try
        {
            await state.WaitForChangeAsync(seen, cancellationToken).WaitAsync(PingEvery, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }
}
