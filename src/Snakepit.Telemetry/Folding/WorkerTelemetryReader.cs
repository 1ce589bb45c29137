using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry.Folding;

namespace Snakepit.Telemetry;

/// <summary>
/// Folds the telemetry a Python worker writes on stderr (<c>TELEMETRY:{json}</c> lines) into the typed events of a
/// catalog, with the worker's node, pool and id from <see cref="WorkerContext"/>; every other line is log output.
/// Whatever a worker writes, nothing throws out of <see cref="Fold(ReadOnlySpan{byte})"/> or <see cref="ReadAsync"/>
/// because of it: each line is folded or dropped, and every outcome is counted (<see cref="Count"/>). No line is kept
/// beyond <see cref="MaxLineLength"/> bytes. One reader per worker; its methods may be called from any thread.
/// Fields the catalog does not declare are ignored but counted (<see cref="UnknownFields"/>), and each dropped line
/// can be observed with its reason, number, event and field (<see cref="OnDropped"/>); <see cref="Report"/> says it all.
/// </summary>
/// <example>
/// <code>
/// var reader = new WorkerTelemetryReader(new SnakepitEvents.Decoder(), new WorkerContext("node-a", "default", "worker-1"));
/// await reader.ReadAsync(process.StandardError.BaseStream, line => logger.LogInformation("{Line}", line), stopping);
/// </code>
/// </example>
public sealed class WorkerTelemetryReader
{
    /// <summary>The default of <see cref="MaxLineLength"/>: 64 KiB.</summary>
    public const int DefaultMaxLineLength = 64 * 1024;

    /// <summary>The largest <see cref="MaxLineLength"/> accepted: 16 MiB.</summary>
    public const int LargestMaxLineLength = 16 * 1024 * 1024;

    /// <summary>What starts a telemetry line.</summary>
    public const string Prefix = "TELEMETRY:";

    /// <summary>
    /// How many distinct (event, section, field) undeclared fields <see cref="UnknownFields"/> keeps: 256. Fields past
    /// it are counted only in <see cref="UntrackedUnknownFields"/>, so a worker cannot grow the reader without end.
    /// </summary>
    public const int MaxUnknownFields = 256;

    /// <summary>The longest undeclared field name <see cref="UnknownFields"/> keeps: 128 UTF-8 bytes (longer ones are untracked).</summary>
    public const int MaxUnknownFieldNameLength = 128;

    private readonly long[] _counts = new long[(int)FoldResult.InvalidUtf8 + 1];

    private readonly UnknownFieldTable _unknownFields = new();

    private int _maxLineLength = DefaultMaxLineLength;

    private long _lines;

    private long _onDroppedFailures;

    private Action<DroppedLine>? _onDropped;

    /// <summary>Creates a reader that folds one worker's lines with <paramref name="decoder"/>.</summary>
    /// <param name="decoder">The decoder of the catalog the worker's events belong to (<c>&lt;Catalog&gt;Events.Decoder</c>).</param>
    /// <param name="context">The worker's node, pool and id: they win over what its lines say.</param>
    public WorkerTelemetryReader(TelemetryDecoder decoder, WorkerContext context)
    {
        Decoder = decoder ?? throw new ArgumentNullException(nameof(decoder));
        Context = context ?? throw new ArgumentNullException(nameof(context));
    }

    /// <summary>The decoder lines are folded with.</summary>
    public TelemetryDecoder Decoder { get; }

    /// <summary>The worker the lines come from.</summary>
    public WorkerContext Context { get; }

    /// <summary>
    /// The longest line accepted, in UTF-8 bytes without its line break (<c>\n</c> or <c>\r\n</c>; default
    /// <see cref="DefaultMaxLineLength"/>, 64 to <see cref="LargestMaxLineLength"/>). A longer telemetry line is dropped
    /// as <see cref="FoldResult.TooLong"/>; a longer log line reaches the log callback cut to this length, and is
    /// counted as <see cref="FoldResult.TooLong"/> too. <see cref="ReadAsync"/> never buffers more than one line of
    /// this length (its buffer starts small and grows only for long lines).
    /// </summary>
    public int MaxLineLength
    {
        get => Volatile.Read(ref _maxLineLength);
        set => Volatile.Write(ref _maxLineLength, value is >= 64 and <= LargestMaxLineLength ? value : throw new ArgumentOutOfRangeException(nameof(value), value, $"The maximum line length must be 64 to {LargestMaxLineLength} bytes."));
    }

    /// <summary>
    /// Called with every line dropped (every result but <see cref="FoldResult.Folded"/> and
    /// <see cref="FoldResult.NotTelemetry"/>), on the thread that folds it, as it is dropped: its reason, its line number,
    /// and the event and field at fault when known. Null (the default) observes nothing and costs nothing. An exception
    /// it throws is caught and counted (<see cref="OnDroppedFailures"/>): folding goes on.
    /// </summary>
    public Action<DroppedLine>? OnDropped
    {
        get => Volatile.Read(ref _onDropped);
        set => Volatile.Write(ref _onDropped, value);
    }

    /// <summary>How many calls of <see cref="OnDropped"/> threw (each caught: the line was counted and folding went on).</summary>
    public long OnDroppedFailures => Interlocked.Read(ref _onDroppedFailures);

    /// <summary>How many lines the reader was given so far (telemetry and log output): the last line's number.</summary>
    public long Lines => Interlocked.Read(ref _lines);

    /// <summary>
    /// The fields lines carried that their event does not declare (ignored, so that a newer worker folds into an older
    /// catalog), counted per event, section and field, most frequent first: a snapshot. At most
    /// <see cref="MaxUnknownFields"/> entries; see <see cref="UntrackedUnknownFields"/> for the rest. Counted by decoders
    /// generated by this version of Snakepit.Telemetry or later.
    /// </summary>
    public IReadOnlyList<UnknownFieldCount> UnknownFields() => _unknownFields.Snapshot();

    /// <summary>
    /// How many undeclared fields were seen but not counted in <see cref="UnknownFields"/>: new ones once it held
    /// <see cref="MaxUnknownFields"/>, and names longer than <see cref="MaxUnknownFieldNameLength"/> bytes.
    /// </summary>
    public long UntrackedUnknownFields => _unknownFields.Untracked;

    /// <summary>
    /// What the reader has seen, as text for a log or a diagnostics page: how many lines, folded, log output and
    /// dropped (by reason), then every undeclared field (<c>myapp.request.stop carried unknown field 'toknes' in
    /// measurements 12 times</c>).
    /// </summary>
    public string Report()
    {
        var text = new StringBuilder();
        text.Append(Lines.ToString(CultureInfo.InvariantCulture)).Append(" lines from ").Append(Context.ToString())
            .Append(": ").Append(Count(FoldResult.Folded).ToString(CultureInfo.InvariantCulture)).Append(" folded, ")
            .Append(Count(FoldResult.NotTelemetry).ToString(CultureInfo.InvariantCulture)).Append(" log output, ")
            .Append(Dropped.ToString(CultureInfo.InvariantCulture)).Append(" dropped");
        var separator = " (";
        for (var i = 0; i < _counts.Length; i++)
        {
            var count = Interlocked.Read(ref _counts[i]);
            if (i != (int)FoldResult.Folded && i != (int)FoldResult.NotTelemetry && count > 0)
            {
                text.Append(separator).Append(((FoldResult)i).ToString()).Append(' ').Append(count.ToString(CultureInfo.InvariantCulture));
                separator = ", ";
            }
        }

        text.Append(separator == ", " ? ")" : "").AppendLine(".");
        foreach (var unknown in UnknownFields())
        {
            text.Append(unknown.ToString()).AppendLine(".");
        }

        var untracked = UntrackedUnknownFields;
        if (untracked > 0)
        {
            text.Append(untracked.ToString(CultureInfo.InvariantCulture))
                .Append(" more unknown fields were not tracked (past ").Append(MaxUnknownFields.ToString(CultureInfo.InvariantCulture))
                .Append(" distinct, or names over ").Append(MaxUnknownFieldNameLength.ToString(CultureInfo.InvariantCulture)).AppendLine(" bytes).");
        }

        return text.ToString();
    }

    /// <summary>How many lines ended with <paramref name="result"/> so far.</summary>
    public long Count(FoldResult result) =>
        (uint)result < (uint)_counts.Length ? Interlocked.Read(ref _counts[(int)result]) : 0;

    /// <summary>How many lines were dropped so far, for any reason (every result but <see cref="FoldResult.Folded"/> and <see cref="FoldResult.NotTelemetry"/>).</summary>
    public long Dropped
    {
        get
        {
            long dropped = 0;
            for (var i = 0; i < _counts.Length; i++)
            {
                if (i != (int)FoldResult.Folded && i != (int)FoldResult.NotTelemetry)
                {
                    dropped += Interlocked.Read(ref _counts[i]);
                }
            }

            return dropped;
        }
    }

    /// <summary>Folds one line (a trailing line break is ignored).</summary>
    public FoldResult Fold(string line)
    {
        if (line is null)
        {
            throw new ArgumentNullException(nameof(line));
        }

        var length = line.Length;
        if (length > 0 && line[length - 1] == '\n')
        {
            length--;
        }

        if (length > 0 && line[length - 1] == '\r')
        {
            length--;
        }

        var max = MaxLineLength;
        if (!line.StartsWith(Prefix, StringComparison.Ordinal))
        {
            // The line breaks trimmed off are one byte each.
            var tooLong = length > max || (length * 3 > max && Encoding.UTF8.GetByteCount(line) - (line.Length - length) > max);
            return Counted(tooLong ? FoldResult.TooLong : FoldResult.NotTelemetry);
        }

        if (length > max)
        {
            return Counted(FoldResult.TooLong);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(length));
        try
        {
            var bytes = Encoding.UTF8.GetBytes(line, 0, length, buffer, 0);
            return Fold(new ReadOnlySpan<byte>(buffer, 0, bytes));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Folds one line of UTF-8 (a trailing line break is ignored).</summary>
    public FoldResult Fold(ReadOnlySpan<byte> utf8Line)
    {
        var line = TrimLineBreak(utf8Line);
        if (line.Length > MaxLineLength)
        {
            return Counted(FoldResult.TooLong);
        }

        if (!IsTelemetry(line))
        {
            return Counted(FoldResult.NotTelemetry);
        }

        var trace = FoldTrace.Enter(_unknownFields, OnDropped is not null);
        try
        {
            return Counted(Decoder.Decode(line.Slice(Prefix.Length), Context, trace), trace);
        }
        finally
        {
            trace.Exit();
        }
    }

    /// <summary>
    /// Reads <paramref name="stderr"/> to its end: splits it into lines (<c>\n</c> or <c>\r\n</c>), folds every telemetry
    /// line and hands every other line to <paramref name="onLogLine"/> (invalid UTF-8 there becomes U+FFFD). Buffers one
    /// line at most (<see cref="MaxLineLength"/>).
    /// </summary>
    /// <param name="stderr">The worker's standard error (or any stream of its lines).</param>
    /// <param name="onLogLine">Receives the lines that are not telemetry; null drops them (still counted). An exception it throws ends the read.</param>
    /// <param name="cancellationToken">Stops the read with an <see cref="OperationCanceledException"/>.</param>
    public async Task ReadAsync(Stream stderr, Action<string>? onLogLine, CancellationToken cancellationToken)
    {
        if (stderr is null)
        {
            throw new ArgumentNullException(nameof(stderr));
        }

        var max = MaxLineLength;

        // A line of the maximum length and its "\r\n". The buffer starts small and doubles up to that only when a
        // line needs it, so a generous maximum costs nothing while lines are short.
        var limit = max + 2;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(limit, 4096));
        try
        {
            var capacity = Math.Min(buffer.Length, limit);
            var start = 0;
            var end = 0;
            var discarding = false;
            while (true)
            {
                if (end == capacity)
                {
                    if (start > 0)
                    {
                        Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                        end -= start;
                        start = 0;
                    }
                    else if (capacity < limit)
                    {
                        var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min(limit, 2L * capacity));
                        Buffer.BlockCopy(buffer, 0, bigger, 0, end);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = bigger;
                        capacity = Math.Min(buffer.Length, limit);
                    }
                    else
                    {
                        // A whole line's worth without a line break: the line is too long. Deal with what it has, skip the rest.
                        if (!discarding)
                        {
                            Overlong(new ReadOnlySpan<byte>(buffer, 0, end), max, onLogLine);
                        }

                        discarding = true;
                        start = end = 0;
                    }
                }

#if NET8_0_OR_GREATER
                var read = await stderr.ReadAsync(buffer.AsMemory(end, capacity - end), cancellationToken).ConfigureAwait(false);
#else
                var read = await stderr.ReadAsync(buffer, end, capacity - end, cancellationToken).ConfigureAwait(false);
#endif
                if (read == 0)
                {
                    if (end > start && !discarding)
                    {
                        Line(new ReadOnlySpan<byte>(buffer, start, end - start), onLogLine);
                    }

                    return;
                }

                var scan = end;
                end += read;
                while (true)
                {
                    var newline = Array.IndexOf(buffer, (byte)'\n', scan, end - scan);
                    if (newline < 0)
                    {
                        break;
                    }

                    if (discarding)
                    {
                        discarding = false;
                    }
                    else
                    {
                        Line(new ReadOnlySpan<byte>(buffer, start, newline - start), onLogLine);
                    }

                    start = scan = newline + 1;
                }

                if (start == end)
                {
                    start = end = 0;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Line(ReadOnlySpan<byte> bytes, Action<string>? onLogLine)
    {
        var line = TrimLineBreak(bytes);
        var max = MaxLineLength;
        if (line.Length > max)
        {
            Overlong(line, max, onLogLine);
            return;
        }

        if (Fold(line) == FoldResult.NotTelemetry)
        {
            onLogLine?.Invoke(Decode(line));
        }
    }

    private void Overlong(ReadOnlySpan<byte> start, int max, Action<string>? onLogLine)
    {
        Counted(FoldResult.TooLong);
        if (!IsTelemetry(start))
        {
            onLogLine?.Invoke(Decode(start.Slice(0, Math.Min(start.Length, max))));
        }
    }

    private FoldResult Counted(FoldResult result, FoldTrace? trace = null)
    {
        var number = Interlocked.Increment(ref _lines);
        Interlocked.Increment(ref _counts[(int)result]);
        if (result is not FoldResult.Folded and not FoldResult.NotTelemetry)
        {
            var onDropped = OnDropped;
            if (onDropped is not null)
            {
                Raise(onDropped, new DroppedLine(result, number, trace?.EventName(), trace?.FieldName()));
            }
        }

        return result;
    }

    // User code: whatever it throws stays here.
    private void Raise(Action<DroppedLine> onDropped, DroppedLine dropped)
    {
        try
        {
            onDropped(dropped);
        }
        catch (Exception)
        {
            Interlocked.Increment(ref _onDroppedFailures);
        }
    }

    private static bool IsTelemetry(ReadOnlySpan<byte> line)
    {
        var prefix = PrefixBytes;
        return line.Length >= prefix.Length && line.Slice(0, prefix.Length).SequenceEqual(prefix);
    }

    private static ReadOnlySpan<byte> PrefixBytes => "TELEMETRY:"u8;

    // One line break, "\n" or "\r\n" (or a "\r" left by a reader that split on '\n'): the same rule for Fold and ReadAsync.
    private static ReadOnlySpan<byte> TrimLineBreak(ReadOnlySpan<byte> line)
    {
        var length = line.Length;
        if (length > 0 && line[length - 1] == (byte)'\n')
        {
            length--;
        }

        if (length > 0 && line[length - 1] == (byte)'\r')
        {
            length--;
        }

        return line.Slice(0, length);
    }

    private static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return string.Empty;
        }

#if NET8_0_OR_GREATER
        return Encoding.UTF8.GetString(bytes);
#else
        var array = ArrayPool<byte>.Shared.Rent(bytes.Length);
        try
        {
            bytes.CopyTo(array);
            return Encoding.UTF8.GetString(array, 0, bytes.Length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(array);
        }
#endif
    }
}
