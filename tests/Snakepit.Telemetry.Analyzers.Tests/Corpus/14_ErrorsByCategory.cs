using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Corpus.C14;

/// <summary>Aggregates by a low-cardinality key (pool names, enum values): the dictionary stays small.</summary>
[TelemetryHandler("myapp-errors-by-category")]
public sealed partial class ErrorsByCategory
{
    private readonly ConcurrentDictionary<ErrorCategory, long> _values = new();

    [OnEvent("snakepit.python.call.exception")]
    private void Record(in PythonCallException e)
    {
        long value = 1;
        _values.AddOrUpdate(e.ErrorCategory, value, (_, count) => count + 1);
    }

    public IReadOnlyDictionary<ErrorCategory, long> Snapshot() => new Dictionary<ErrorCategory, long>(_values);
}
