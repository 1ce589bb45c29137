using System;
using System.Collections.Generic;
using System.Text;

namespace Snakepit.Telemetry.Folding;

/// <summary>
/// A reader's counts of undeclared fields, by (event, section, field), in UTF-8: at most
/// <see cref="WorkerTelemetryReader.MaxUnknownFields"/> entries, names of at most
/// <see cref="WorkerTelemetryReader.MaxUnknownFieldNameLength"/> bytes; anything else is counted as untracked. Counting
/// a key seen before allocates nothing (a hash over the spans, compared in place). Thread-safe (one lock).
/// </summary>
internal sealed class UnknownFieldTable
{
    private const int BucketCount = 512;

    private readonly object _gate = new();
    private int[]? _buckets;
    private Entry[]? _entries;
    private int _count;
    private long _untracked;

    public long Untracked
    {
        get
        {
            lock (_gate)
            {
                return _untracked;
            }
        }
    }

    public void Add(ReadOnlySpan<byte> eventName, bool metadata, ReadOnlySpan<byte> field)
    {
        if (field.Length > WorkerTelemetryReader.MaxUnknownFieldNameLength)
        {
            AddUntracked();
            return;
        }

        var hash = Hash(eventName, metadata, field);
        lock (_gate)
        {
            var buckets = _buckets ??= new int[BucketCount];
            var entries = _entries ??= new Entry[WorkerTelemetryReader.MaxUnknownFields];
            ref var bucket = ref buckets[(int)(hash % BucketCount)];
            for (var i = bucket - 1; i >= 0; i = entries[i].Next)
            {
                ref var entry = ref entries[i];
                if (entry.Hash == hash && entry.Metadata == metadata && entry.Event.AsSpan().SequenceEqual(eventName) && entry.Field.AsSpan().SequenceEqual(field))
                {
                    entry.Count++;
                    return;
                }
            }

            if (_count == entries.Length)
            {
                _untracked++;
                return;
            }

            entries[_count] = new Entry(hash, eventName.ToArray(), metadata, field.ToArray(), bucket - 1);
            bucket = ++_count;
        }
    }

    public void AddUntracked()
    {
        lock (_gate)
        {
            _untracked++;
        }
    }

    /// <summary>The counts, most frequent first (then by event, section and field).</summary>
    public List<UnknownFieldCount> Snapshot()
    {
        Entry[] entries;
        lock (_gate)
        {
            entries = _entries is null ? Array.Empty<Entry>() : _entries.AsSpan(0, _count).ToArray();
        }

        var counts = new List<UnknownFieldCount>(entries.Length);
        foreach (var entry in entries)
        {
            counts.Add(new UnknownFieldCount(Text(entry.Event), entry.Metadata ? "metadata" : "measurements", Text(entry.Field), entry.Count));
        }

        counts.Sort((a, b) =>
        {
            var order = b.Count.CompareTo(a.Count);
            order = order != 0 ? order : string.CompareOrdinal(a.Event, b.Event);
            order = order != 0 ? order : string.CompareOrdinal(a.Section, b.Section);
            return order != 0 ? order : string.CompareOrdinal(a.Field, b.Field);
        });
        return counts;
    }

    private static string Text(byte[] utf8) => Encoding.UTF8.GetString(utf8);

    // FNV-1a over the event, the section and the field. The table is bounded, so even keys chosen to collide cost at
    // most MaxUnknownFields comparisons.
    private static uint Hash(ReadOnlySpan<byte> eventName, bool metadata, ReadOnlySpan<byte> field)
    {
        var hash = 2166136261u;
        foreach (var b in eventName)
        {
            hash = (hash ^ b) * 16777619u;
        }

        hash = (hash ^ (metadata ? 1u : 2u)) * 16777619u;
        foreach (var b in field)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }

    private struct Entry
    {
        public Entry(uint hash, byte[] eventName, bool metadata, byte[] field, int next)
        {
            Hash = hash;
            Event = eventName;
            Metadata = metadata;
            Field = field;
            Next = next;
            Count = 1;
        }

        public uint Hash;
        public byte[] Event;
        public bool Metadata;
        public byte[] Field;
        public int Next;
        public long Count;
    }
}
