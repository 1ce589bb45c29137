using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;

namespace Snakepit.Telemetry.StatsD;

/// <summary>
/// The UDP socket to the daemon: the host resolved (IPv4 first) when the first packet goes, and again at the next
/// flush after an error (never twice in one flush). A connected socket, so that the kernel reports a daemon that is not
/// there (ICMP port unreachable) as an error of a later send. Used by one flusher at a time.
/// </summary>
internal sealed class StatsDSender : IDisposable
{
    private readonly string _host;
    private readonly int _port;
    private Socket? _socket;
    private bool _stale;
    private bool _connectFailed;

    public StatsDSender(string host, int port)
    {
        _host = host;
        _port = port;
    }

    /// <summary>
    /// Whether the rest of this flush cannot go: the host could not be resolved or connected to (a second try would
    /// repeat a blocking DNS lookup: one per flush at most), or the sender is disposed. An error of one packet on a
    /// connected socket (the daemon refused it, say) leaves the others to be sent.
    /// </summary>
    public bool CannotSendThisFlush(Exception error) => _connectFailed || error is ObjectDisposedException;

    /// <summary>A flush begins: a socket that failed in an earlier flush is replaced (the host resolved again).</summary>
    public void BeginFlush()
    {
        _connectFailed = false;
        if (_stale)
        {
            _stale = false;
            Reset();
        }
    }

    /// <summary>Sends one packet; throws <see cref="SocketException"/> (no daemon, no route, unknown host).</summary>
    public void Send(byte[] buffer, int offset, int count)
    {
        var socket = _socket ?? Connect();
        try
        {
            socket.Send(buffer, offset, count, SocketFlags.None);
        }
        catch (SocketException ex) when (ex.SocketErrorCode != SocketError.ConnectionRefused)
        {
            // At the next flush, resolve and connect afresh: the daemon may have moved. (A refusal only reports that an
            // earlier packet found nobody listening; the socket stays good for when the daemon comes back.) Not now:
            // one lookup per flush at most.
            _stale = true;
            throw;
        }
    }

    private Socket Connect()
    {
        if (_connectFailed)
        {
            throw new InvalidOperationException("Not connected: connecting failed earlier in this flush.");
        }

        // Marked until this succeeds: whatever fails below (the lookup, the socket, the connect) ends the flush.
        _connectFailed = true;
        var addresses = IPAddress.TryParse(_host, out var literal) ? new[] { literal } : Dns.GetHostAddresses(_host);
        var address = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault()
            ?? throw new SocketException((int)SocketError.HostNotFound);
        var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Connect(new IPEndPoint(address, _port));
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _socket = socket;
        _connectFailed = false;
        return socket;
    }

    private void Reset()
    {
        _socket?.Dispose();
        _socket = null;
    }

    public void Dispose() => Reset();
}
