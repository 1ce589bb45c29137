using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Snakepit.Telemetry.StatsD;

/// <summary>
/// Sends the measurements of named Meters (a catalog's <c>MeterName</c>) to a StatsD or DogStatsD daemon over UDP:
/// counters as <c>|c</c> with the increment, gauges (<c>last_value</c>) as <c>|g</c>, histograms (<c>summary</c>,
/// <c>distribution</c>) as <c>|ms</c> in the metric's unit. Lines are written into a bounded buffer on the recording
/// thread (no allocation, no I/O, never an exception) and sent by a timer in packets of at most
/// <see cref="StatsDExporterOptions.MaxPacketSize"/> bytes. A full buffer drops lines and counts them; a send error
/// (no daemon, unknown host) is counted and reported through <see cref="TelemetryHub.ReportHandlerError"/> of the
/// default hub (the runtime's failure channel: its EventSource and counter, and <c>telemetry.handler.failure</c>
/// handlers), never raised into an emitter.
/// </summary>
/// <example>
/// <code>
/// using var statsd = new StatsDExporter("statsd.local", 8125, SnakepitEvents.MeterName);
/// </code>
/// </example>
public sealed class StatsDExporter : IDisposable
{
    /// <summary>The id failures are reported under (<see cref="TelemetryHandlerFailure.HandlerId"/>).</summary>
    public const string HandlerId = "statsd-exporter";

    /// <summary>The event name failures are reported for (<see cref="TelemetryHandlerFailure.FailedEventName"/>).</summary>
    public const string SendEventName = "statsd.send";

    /// <summary>The event name an observable instrument's failing callback is reported for.</summary>
    public const string ObserveEventName = "statsd.observe";

    // One line is formatted here before it is copied into the buffer: per thread, so recording threads never share it.
    [ThreadStatic]
    private static byte[]? t_line;

    [ThreadStatic]
    private static bool t_lineBusy;

    private static readonly TimeSpan s_reportEvery = TimeSpan.FromMinutes(1);

    private readonly StatsDExporterOptions _options;
    private readonly HashSet<string> _meters;
    private readonly StatsDBuffer _buffer;
    private readonly StatsDSender _sender;
    private readonly MeterListener _listener;
    private readonly Timer _timer;
    private readonly object _flushGate = new();
    private readonly int _lineSpace;
    private long _linesSent;
    private long _packetsSent;
    private long _unsent;
    private long _sendErrors;
    private long _lastReport;
    private long _lastObserveReport;
    private long _observeErrors;
    private int _disposed;
    private bool _closed;

    /// <summary>Sends every instrument of <paramref name="meterNames"/> to the daemon at <paramref name="host"/>:<paramref name="port"/>, with the default options.</summary>
    public StatsDExporter(string host, int port, params string[] meterNames)
        : this(Options(host, port, meterNames))
    {
    }

    /// <summary>Sends as <paramref name="options"/> say (checked at once: a value that cannot work throws here).</summary>
    public StatsDExporter(StatsDExporterOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        options.Validate();
        _meters = new HashSet<string>(options.MeterNames, StringComparer.Ordinal);
        _lineSpace = options.MaxPacketSize + 1;
        _buffer = new StatsDBuffer(options.MaxBufferedBytes);
        _sender = new StatsDSender(options.Host, options.Port);
        _listener = new MeterListener
        {
            InstrumentPublished = OnInstrumentPublished,
        };
        _listener.SetMeasurementEventCallback<byte>(OnMeasurement);
        _listener.SetMeasurementEventCallback<short>(OnMeasurement);
        _listener.SetMeasurementEventCallback<int>(OnMeasurement);
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.SetMeasurementEventCallback<float>(OnMeasurement);
        _listener.SetMeasurementEventCallback<double>(OnMeasurement);
        _listener.SetMeasurementEventCallback<decimal>(OnMeasurement);
        _listener.Start();
        _timer = new Timer(_ => FlushFromTimer(), null, options.FlushInterval, options.FlushInterval);
    }

    /// <summary>Lines sent to the daemon so far.</summary>
    public long LinesSent => Interlocked.Read(ref _linesSent);

    /// <summary>Packets sent so far.</summary>
    public long PacketsSent => Interlocked.Read(ref _packetsSent);

    /// <summary>
    /// Lines that were never sent: the buffer was full, a line was longer than a packet, a value was NaN or infinite,
    /// or the packet that carried them failed to go.
    /// </summary>
    public long LinesDropped => _buffer.Dropped + Interlocked.Read(ref _unsent);

    /// <summary>Sends that failed (no daemon, no route, unknown host).</summary>
    public long SendErrors => Interlocked.Read(ref _sendErrors);

    /// <summary>Where lines go: <c>host:port</c>.</summary>
    public string Endpoint => _options.Host + ":" + _options.Port;

    /// <summary>Sends what is buffered now, on the calling thread. Errors are counted and reported, not thrown.</summary>
    public void Flush()
    {
        lock (_flushGate)
        {
            try
            {
                FlushCore();
            }
            catch (Exception)
            {
                // FlushCore reports what it meets (observable instruments' callbacks, sends); never thrown to the caller.
            }
        }
    }

    /// <summary>Stops listening, sends what is buffered, and closes the socket.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _listener.Dispose();
        _timer.Dispose();
        lock (_flushGate)
        {
            // A measurement still running on another thread (MeterListener.Dispose does not wait for them) finds the
            // buffer closed and counts its line as dropped; Flush after this does nothing.
            _buffer.Close();
            FlushCore();
            _closed = true;
            _sender.Dispose();
        }
    }

    private static StatsDExporterOptions Options(string host, int port, string[] meterNames)
    {
        var options = new StatsDExporterOptions { Host = host, Port = port };
        foreach (var name in meterNames ?? throw new ArgumentNullException(nameof(meterNames)))
        {
            options.MeterNames.Add(name);
        }

        return options;
    }

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        if (_meters.Contains(instrument.Meter.Name) && StatsDInstrument.For(instrument, _options.Prefix) is { } state)
        {
            listener.EnableMeasurementEvents(instrument, state);
        }
    }

    private void OnMeasurement<T>(Instrument instrument, T measurement, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
        where T : struct
    {
        if (state is not StatsDInstrument target)
        {
            return;
        }

        // The thread's line buffer, unless a measurement is being formatted on this thread already (a tag's ToString
        // that records): then a buffer of its own, so the outer line is not overwritten.
        var nested = t_lineBusy;
        byte[] scratch;
        if (nested)
        {
            scratch = new byte[_lineSpace];
        }
        else
        {
            scratch = t_line ??= new byte[Math.Max(_lineSpace, StatsDExporterOptions.DefaultMaxPacketSize + 1)];
            if (scratch.Length < _lineSpace)
            {
                // Once per thread and larger packet size: steady-state recording allocates nothing.
                t_line = scratch = new byte[_lineSpace];
            }

            t_lineBusy = true;
        }

        var lines = 1;
        try
        {
            var space = scratch.AsSpan(0, _lineSpace);

            // typeof(T) tests are constants of each instantiation: the JIT keeps one branch. Unsafe.As reads the value as
            // its own type without a box, also in unoptimised (tier-0) code, where a cast through object would allocate.
            int written;
            if (typeof(T) == typeof(long) || typeof(T) == typeof(int) || typeof(T) == typeof(short) || typeof(T) == typeof(byte))
            {
                var value = typeof(T) == typeof(long) ? Unsafe.As<T, long>(ref measurement)
                    : typeof(T) == typeof(int) ? Unsafe.As<T, int>(ref measurement)
                    : typeof(T) == typeof(short) ? Unsafe.As<T, short>(ref measurement)
                    : Unsafe.As<T, byte>(ref measurement);
                lines = StatsDLineWriter.LinesOf(target, value);
                written = StatsDLineWriter.Write(space, target, _options.Format, value, tags);
            }
            else
            {
                var value = typeof(T) == typeof(double) ? Unsafe.As<T, double>(ref measurement)
                    : typeof(T) == typeof(float) ? Unsafe.As<T, float>(ref measurement)
                    : (double)Unsafe.As<T, decimal>(ref measurement);
                lines = StatsDLineWriter.LinesOf(target, value);
                written = StatsDLineWriter.Write(space, target, _options.Format, value, tags);
            }

            if (written < 0)
            {
                _buffer.Drop(lines);
                return;
            }

            _buffer.TryAppend(space.Slice(0, written), lines);
        }
        catch (Exception)
        {
            // A tag value whose ToString throws (someone else's type): the measurement is dropped and counted, and the
            // emitter that recorded it never sees an exception.
            _buffer.Drop(lines);
        }
        finally
        {
            if (!nested)
            {
                t_lineBusy = false;
            }
        }
    }

    private void FlushFromTimer()
    {
        if (!Monitor.TryEnter(_flushGate))
        {
            // A flush is running (a slow send, or Flush() called by hand): this tick has nothing to add.
            return;
        }

        try
        {
            if (Volatile.Read(ref _disposed) == 0)
            {
                FlushCore();
            }
        }
        catch (Exception)
        {
            // FlushCore reports what it meets; nothing may reach the timer's thread, where it would end the process.
        }
        finally
        {
            Monitor.Exit(_flushGate);
        }
    }

    // Under _flushGate.
    private void FlushCore()
    {
        if (_closed)
        {
            return;
        }

        _sender.BeginFlush();
        try
        {
            _listener.RecordObservableInstruments();
        }
        catch (Exception ex)
        {
            // An observable instrument's callback is someone else's code: report it (as send errors are, the first at
            // once and then at most once a minute), and send the rest.
            Interlocked.Increment(ref _observeErrors);
            if (ShouldReport(ref _lastObserveReport))
            {
                TelemetryHub.Default.ReportHandlerError(HandlerId, ObserveEventName, ex);
            }
        }

        var buffered = _buffer.Swap();
        var bytes = buffered.Array!;
        var end = buffered.Offset + buffered.Count;
        var max = _options.MaxPacketSize;
        var packetStart = buffered.Offset;
        var packetLines = 0;
        var position = packetStart;
        Exception? error = null;
        while (position < end)
        {
            // One unit: a line, or the two lines of a negative gauge (joined by PairSeparator), which never part.
            var newline = Array.IndexOf(bytes, (byte)'\n', position, end - position);
            var unitLines = Array.IndexOf(bytes, StatsDLineWriter.PairSeparator, position, newline - position) >= 0 ? 2 : 1;
            if (newline - packetStart > max && position > packetStart)
            {
                // This unit would overflow the packet: send the packet without it (and without its last '\n').
                if (!Send(bytes, packetStart, position - 1 - packetStart, packetLines, ref error))
                {
                    Interlocked.Add(ref _unsent, LinesIn(bytes, position, end));
                    packetStart = position = end;
                    break;
                }

                packetStart = position;
                packetLines = 0;
            }

            packetLines += unitLines;
            position = newline + 1;
        }

        if (position > packetStart)
        {
            Send(bytes, packetStart, position - 1 - packetStart, packetLines, ref error);
        }

        if (error is not null)
        {
            Report(error);
        }
    }

    // False when the rest of this flush should not be tried: the host could not be resolved or the socket is gone
    // (each retry would repeat a blocking DNS lookup). Any other error (a refusal because the daemon is down, no route,
    // a packet the network refuses) fails only this packet.
    private bool Send(byte[] bytes, int offset, int count, int lines, ref Exception? error)
    {
        for (var i = offset; i < offset + count; i++)
        {
            if (bytes[i] == StatsDLineWriter.PairSeparator)
            {
                bytes[i] = (byte)'\n';
            }
        }

        try
        {
            _sender.Send(bytes, offset, count);
            Interlocked.Increment(ref _packetsSent);
            Interlocked.Add(ref _linesSent, lines);
            return true;
        }
        catch (Exception ex)
        {
            // Counted, never thrown into a flush's caller or the timer's thread.
            Interlocked.Increment(ref _sendErrors);
            Interlocked.Add(ref _unsent, lines);
            error ??= ex;
            return !_sender.CannotSendThisFlush(ex);
        }
    }

    private static int LinesIn(byte[] bytes, int start, int end)
    {
        var count = 0;
        for (var i = start; i < end; i++)
        {
            if (bytes[i] is (byte)'\n' or StatsDLineWriter.PairSeparator)
            {
                count++;
            }
        }

        return count;
    }

    // The first error is reported at once, later ones at most once a minute (every failed send is counted). A UDP send
    // to a port nobody listens on "succeed"s until the kernel hears back, so success cannot tell that the daemon is up.
    private void Report(Exception error)
    {
        if (!ShouldReport(ref _lastReport))
        {
            return;
        }

        TelemetryHub.Default.ReportHandlerError(HandlerId, SendEventName, new StatsDSendException($"Sending StatsD lines to {Endpoint} failed ({SendErrors} failed sends, {LinesDropped} lines dropped so far): {ExceptionMessage(error)}", error));
    }

    /// <summary>Flushes in which an observable instrument's callback threw (the other instruments were still read and sent).</summary>
    public long ObserveErrors => Interlocked.Read(ref _observeErrors);

    // Under _flushGate: true for the first report, then at most once a minute. 0 means never reported.
    private static bool ShouldReport(ref long last)
    {
        var now = Stopwatch.GetTimestamp();
        if (last != 0 && now - last < (long)(s_reportEvery.TotalSeconds * Stopwatch.Frequency))
        {
            return false;
        }

        last = now == 0 ? 1 : now;
        return true;
    }

    private static string ExceptionMessage(Exception error)
    {
        try
        {
            return error.Message;
        }
        catch (Exception)
        {
            return error.GetType().FullName ?? error.GetType().Name;
        }
    }
}
