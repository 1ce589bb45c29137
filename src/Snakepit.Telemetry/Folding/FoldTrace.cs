using System;
using System.Text;
using System.Text.Json;

namespace Snakepit.Telemetry.Folding;

/// <summary>
/// What a reader learns about the line it is folding, beyond its <see cref="FoldResult"/>: where undeclared fields are
/// counted and, when someone observes drops, the event the line named and the field at fault. One per thread, reused
/// line after line (a fold is synchronous), so a steady fold allocates nothing; a fold nested in another on the same
/// thread (a handler or a drop callback folding) gets its own.
/// </summary>
internal sealed class FoldTrace
{
    /// <summary>The longest event or field name kept for a drop, in UTF-8 bytes (longer ones are cut).</summary>
    private const int MaxNameLength = 256;

    [ThreadStatic]
    private static FoldTrace? t_current;

    private readonly byte[] _event = new byte[MaxNameLength];
    private readonly byte[] _field = new byte[MaxNameLength];
    private int _eventLength = -1;
    private int _fieldLength = -1;
    private bool _inUse;

    /// <summary>Where undeclared fields are counted.</summary>
    public UnknownFieldTable? UnknownFields { get; private set; }

    /// <summary>Whether to note the event and field of the line (someone observes drops).</summary>
    public bool Details { get; private set; }

    /// <summary>The trace of a line about to be folded on this thread; give it back with <see cref="Exit"/>.</summary>
    public static FoldTrace Enter(UnknownFieldTable unknownFields, bool details)
    {
        var trace = t_current;
        if (trace is null)
        {
            trace = t_current = new FoldTrace();
        }
        else if (trace._inUse)
        {
            trace = new FoldTrace();
        }

        trace._inUse = true;
        trace.UnknownFields = unknownFields;
        trace.Details = details;
        trace._eventLength = -1;
        trace._fieldLength = -1;
        return trace;
    }

    public void Exit()
    {
        UnknownFields = null;
        _inUse = false;
    }

    /// <summary>Notes the event the line names (as written, or its full name once a decoder took it).</summary>
    public void NoteEvent(ReadOnlySpan<byte> eventName)
    {
        if (Details)
        {
            _eventLength = Copy(eventName, _event);
        }
    }

    /// <summary>Notes the field at fault (the first one only: the first problem is the line's result).</summary>
    public void NoteField(ReadOnlySpan<byte> field)
    {
        if (Details && _fieldLength < 0)
        {
            _fieldLength = Copy(field, _field);
        }
    }

    public void ForgetField() => _fieldLength = -1;

    /// <summary>Counts the key the reader is on (a property name) as an undeclared field of the event.</summary>
    public void CountUnknown(ref Utf8JsonReader reader, ReadOnlySpan<byte> eventName, bool metadata)
    {
        var table = UnknownFields;
        if (table is null)
        {
            return;
        }

        var key = reader.HasValueSequence ? default : reader.ValueSpan;
        if (!reader.ValueIsEscaped)
        {
            table.Add(eventName, metadata, key);
            return;
        }

        // Unescaped it is no longer than escaped; "\u00f6" and "ö" are one field.
        if (key.Length > 6 * WorkerTelemetryReader.MaxUnknownFieldNameLength)
        {
            table.AddUntracked();
            return;
        }

        Span<byte> text = stackalloc byte[key.Length];
        int length;
        try
        {
            length = reader.CopyString(text);
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate: counted by its escaped spelling, which is valid UTF-8.
            table.Add(eventName, metadata, key);
            return;
        }

        table.Add(eventName, metadata, text.Slice(0, length));
    }

    public string? EventName() => _eventLength < 0 ? null : Encoding.UTF8.GetString(_event, 0, _eventLength);

    public string? FieldName() => _fieldLength < 0 ? null : Encoding.UTF8.GetString(_field, 0, _fieldLength);

    private static int Copy(ReadOnlySpan<byte> name, byte[] into)
    {
        var length = Math.Min(name.Length, into.Length);
        name.Slice(0, length).CopyTo(into);
        return length;
    }
}
