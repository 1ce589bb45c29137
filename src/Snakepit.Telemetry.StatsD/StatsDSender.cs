using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;

namespace Snakepit.Telemetry.StatsD;

/// <summary>
/// The UDP socket to the daemon: the host resolved (IPv4 first) when the first packet goes, and again after an error.
/// A connected socket, so that the kernel reports a daemon that is not there (ICMP port unreachable) as an error of
/// a later send. Used by one flusher at a time.
/// </summary>
internal sealed class StatsDSender : IDisposable
{
    private readonly string _host;
    private readonly int _port;
    private Socket? _socket;

    public StatsDSender(string host, int port)
    {
        _host = host;
        _port = port;
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
            // Next time, resolve and connect afresh: the daemon may have moved. (A refusal only reports that an earlier
            // packet found nobody listening; the socket stays good for when the daemon comes back.)
            Reset();
            throw;
        }
    }

    private Socket Connect()
    {
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
        return socket;
    }

    private void Reset()
    {
        _socket?.Dispose();
        _socket = null;
    }

    public void Dispose() => Reset();
}
