using System.Net;
using System.Net.Sockets;

namespace KioskAssist.Testing;

/// <summary>
/// A TCP proxy on a loopback port that stands for the network between a client and a broker, so a test can cut it:
/// <see cref="Pass"/> forwards both ways, <see cref="Drop"/> resets every connection and refuses new ones (a router
/// that answers with RST), <see cref="BlackHole"/> keeps connections open and accepts new ones but forwards nothing
/// (a dead link: only keep-alive can tell).
/// </summary>
/// <remarks>
/// Thread-safe. Bytes swallowed by the black hole are gone, so when the link is healed every connection that lost
/// bytes is reset (its MQTT stream could not continue); the clients reconnect as they would after a real outage.
/// The caller disposes it.
/// </remarks>
public sealed class TcpFaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly List<Link> _links = [];
    private readonly Task _accepting;
    private volatile LinkMode _mode = LinkMode.Pass;
    private int _accepted;

    /// <summary>Listens on a port the system picks (the listener holds it, so no other test can take it).</summary>
    public TcpFaultProxy(string targetHost, int targetPort)
    {
        _target = new IPEndPoint(IPAddress.Parse(targetHost), targetPort);
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public string Host => "127.0.0.1";

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public LinkMode Mode => _mode;

    /// <summary>Connections accepted so far, in any mode.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Connections open now.</summary>
    public int Open
    {
        get
        {
            lock (_gate)
            {
                return _links.Count;
            }
        }
    }

    /// <summary>Heals the link: forwards again; connections that lost bytes in a black hole are reset.</summary>
    public void Pass()
    {
        _mode = LinkMode.Pass;
        foreach (var link in Snapshot().Where(l => l.LostBytes))
        {
            link.Reset();
        }
    }

    /// <summary>Resets every open connection (RST both ways) and every new one until healed.</summary>
    public void Drop()
    {
        _mode = LinkMode.Drop;
        foreach (var link in Snapshot())
        {
            link.Reset();
        }
    }

    /// <summary>From now on nothing passes either way; connections stay open and new ones are accepted.</summary>
    public void BlackHole() => _mode = LinkMode.BlackHole;

    private List<Link> Snapshot()
    {
        lock (_gate)
        {
            return [.. _links];
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _accepted);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        if (_mode == LinkMode.Drop)
        {
            Link.ResetSocket(client);
            return;
        }

        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.NoDelay = true;
        try
        {
            await server.ConnectAsync(_target, _stop.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            Link.ResetSocket(client);
            server.Dispose();
            return;
        }

        var link = new Link(client, server);
        lock (_gate)
        {
            _links.Add(link);
        }

        try
        {
            // Either direction ending ends the link, as a TCP connection through a NAT would.
            await Task.WhenAny(PumpAsync(link, client, server), PumpAsync(link, server, client));
        }
        finally
        {
            link.Reset();
            lock (_gate)
            {
                _links.Remove(link);
            }
        }
    }

    private async Task PumpAsync(Link link, Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (read == 0)
                {
                    return;
                }

                if (_mode != LinkMode.Pass)
                {
                    link.LostBytes = true; // read and thrown away: the sender's TCP sees its bytes acknowledged
                    continue;
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token);
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        foreach (var link in Snapshot())
        {
            link.Reset();
        }

        _stop.Dispose();
    }

    private sealed class Link(Socket client, Socket server)
    {
        private int _reset;

        public volatile bool LostBytes;

        public void Reset()
        {
            if (Interlocked.Exchange(ref _reset, 1) == 0)
            {
                ResetSocket(client);
                ResetSocket(server);
            }
        }

        /// <summary>Closes with linger 0, so the peer gets RST at once rather than an orderly FIN.</summary>
        public static void ResetSocket(Socket socket)
        {
            try
            {
                socket.LingerState = new LingerOption(true, 0);
                socket.Close();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
            }

            socket.Dispose();
        }
    }
}
