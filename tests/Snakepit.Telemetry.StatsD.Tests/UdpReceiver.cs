using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Snakepit.Telemetry.StatsD.Tests;

/// <summary>
/// A UDP socket on a loopback port, standing in for the daemon: it reads from the start, in the background (so the
/// kernel's receive buffer never overflows while a test records), and keeps every packet.
/// </summary>
internal sealed class UdpReceiver : IDisposable
{
    private readonly UdpClient _client;
    private readonly List<string> _packets = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    /// <summary>Listens on <paramref name="port"/> of the loopback interface (0: any free port).</summary>
    public UdpReceiver(int port = 0)
    {
        _client = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
        _client.Client.ReceiveBufferSize = 4 * 1024 * 1024;
        _loop = Task.Run(ReceiveLoopAsync);
    }

    public int Port => ((IPEndPoint)_client.Client.LocalEndPoint!).Port;

    public List<string> Packets
    {
        get
        {
            lock (_packets)
            {
                return _packets.ToList();
            }
        }
    }

    public List<string> Lines => Packets.SelectMany(p => p.Split('\n')).ToList();

    /// <summary>Waits until <paramref name="lines"/> lines arrived in all (woken by each arrival, no sleeping).</summary>
    public async Task<List<string>> ReceiveLinesAsync(int lines, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (Lines.Count < lines)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left))
            {
                throw new TimeoutException($"Expected {lines} lines, received {Lines.Count}:\n{string.Join("\n", Lines.Take(50))}");
            }
        }

        return Lines;
    }

    /// <summary>Whether another packet arrives within <paramref name="wait"/> (to check that nothing more was sent).</summary>
    public async Task<bool> AnotherPacketAsync(TimeSpan wait)
    {
        var count = Packets.Count;
        var deadline = DateTime.UtcNow + wait;
        while (Packets.Count == count)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left))
            {
                return false;
            }
        }

        return true;
    }

    private async Task ReceiveLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult result;
            try
            {
                result = await _client.ReceiveAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            lock (_packets)
            {
                _packets.Add(Encoding.UTF8.GetString(result.Buffer));
            }

            _arrived.Release();
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _client.Dispose();
        _loop.Wait(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }
}
