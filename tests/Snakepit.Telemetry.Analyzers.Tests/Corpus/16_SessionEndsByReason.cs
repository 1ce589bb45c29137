using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Corpus.C16;

/// <summary>Aggregates by a low-cardinality key (pool names, enum values): the dictionary stays small.</summary>
[TelemetryHandler("myapp-session-ends")]
public sealed partial class SessionEndsByReason
{
    private readonly ConcurrentDictionary<SessionEndReason, long> _values = new();

    [OnEvent("snakepit.session.destroyed")]
    private void Record(in SessionDestroyed e)
    {
        long value = 1;
        _values.AddOrUpdate(e.Reason, value, (_, count) => count + 1);
    }

    public IReadOnlyDictionary<SessionEndReason, long> Snapshot() => new Dictionary<SessionEndReason, long>(_values);
}
