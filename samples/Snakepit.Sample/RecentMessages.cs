using System.Collections;
using System.Collections.Generic;

namespace Sample;

/// <summary>
/// The last few messages a handler produced, and how many there were in all. Handlers run for every event for the life
/// of the process, so what they keep must be bounded (SNK004).
/// </summary>
public sealed class RecentMessages : IEnumerable<string>
{
    private readonly Queue<string> _items = new();
    private readonly int _capacity;

    public RecentMessages(int capacity) => _capacity = capacity;

    /// <summary>Every message added, kept or not.</summary>
    public int Count { get; private set; }

    public void Add(string message)
    {
        Count++;
        if (_items.Count == _capacity)
        {
            _items.Dequeue();
        }

        _items.Enqueue(message);
    }

    public IEnumerator<string> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
