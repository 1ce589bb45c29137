using System;

namespace Snakepit.Telemetry;

/// <summary>
/// The measurements or the metadata of one event, read without boxing and without copying the event per field: what
/// <see cref="TelemetryEventFields.Measurements"/> and <see cref="TelemetryEventFields.Metadata"/> return, for
/// <c>foreach</c> or indexing.
/// </summary>
/// <typeparam name="TEvent">The event's payload type.</typeparam>
/// <remarks>
/// Holds a copy of the event (a payload is a small readonly struct): calling <c>GetMeasurement</c> on an <c>in</c>
/// parameter of a generic type copies the whole payload on every call, since the compiler cannot know the struct is
/// readonly; this list pays that copy once.
/// </remarks>
public struct TelemetryFieldList<TEvent>
    where TEvent : struct, ITelemetryEvent
{
    private TEvent _event;
    private readonly bool _metadata;

    internal TelemetryFieldList(in TEvent e, bool metadata)
    {
        _event = e;
        _metadata = metadata;
        Count = metadata ? _event.MetadataCount : _event.MeasurementCount;
    }

    /// <summary>How many fields there are.</summary>
    public int Count { get; }

    /// <summary>The field at <paramref name="index"/>, in catalog order.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not from 0 to <see cref="Count"/> - 1.</exception>
    public TelemetryField this[int index] => _metadata ? _event.GetMetadata(index) : _event.GetMeasurement(index);

    /// <summary>Enumerates the fields in catalog order.</summary>
    public Enumerator GetEnumerator() => new(in _event, _metadata, Count);

    /// <summary>Enumerates the fields of a <see cref="TelemetryFieldList{TEvent}"/>.</summary>
    public struct Enumerator
    {
        private TEvent _event;
        private readonly bool _metadata;
        private readonly int _count;
        private int _index;

        internal Enumerator(in TEvent e, bool metadata, int count)
        {
            _event = e;
            _metadata = metadata;
            _count = count;
            _index = -1;
        }

        /// <summary>The current field.</summary>
        public TelemetryField Current => _metadata ? _event.GetMetadata(_index) : _event.GetMeasurement(_index);

        /// <summary>Moves to the next field.</summary>
        public bool MoveNext() => ++_index < _count;
    }
}
