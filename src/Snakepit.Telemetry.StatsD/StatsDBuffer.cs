using System;
using System.Threading;

namespace Snakepit.Telemetry.StatsD;

/// <summary>
/// The bounded buffer between recording threads and the flush: lines are copied in under a short lock (never held
/// for I/O); a line that does not fit is dropped and counted. The flush swaps the two halves and sends the full one
/// while recording goes on into the other. One flusher at a time (the exporter's flush lock).
/// </summary>
internal sealed class StatsDBuffer
{
    private readonly object _gate = new();
    private byte[] _active;
    private byte[] _spare;
    private int _length;
    private long _dropped;
    private bool _closed;

    public StatsDBuffer(int capacity)
    {
        _active = new byte[capacity];
        _spare = new byte[capacity];
    }

    /// <summary>Lines dropped because the buffer was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Copies one or more whole lines in, or drops them all when they do not fit (or the exporter is closed).</summary>
    public bool TryAppend(ReadOnlySpan<byte> lines, int lineCount)
    {
        lock (_gate)
        {
            if (_closed || lines.Length > _active.Length - _length)
            {
                Interlocked.Add(ref _dropped, lineCount);
                return false;
            }

            lines.CopyTo(_active.AsSpan(_length));
            _length += lines.Length;
            return true;
        }
    }

    /// <summary>Refuses every later line (counted as dropped): what a measurement still running during Dispose adds.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
        }
    }

    /// <summary>Counts lines dropped outside the buffer (too long, not finite, unformattable) with the buffer's own.</summary>
    public void Drop(int lineCount) => Interlocked.Add(ref _dropped, lineCount);

    /// <summary>Takes what was buffered (valid until the next call) and starts an empty half for new lines.</summary>
    public ArraySegment<byte> Swap()
    {
        lock (_gate)
        {
            var full = _active;
            var length = _length;
            _active = _spare;
            _spare = full;
            _length = 0;
            return new ArraySegment<byte>(full, 0, length);
        }
    }
}
