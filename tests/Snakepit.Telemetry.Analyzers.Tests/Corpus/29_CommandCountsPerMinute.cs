using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Corpus.C29;

/// <summary>Counts per key for the current minute; a timer swaps the table out, so it never outgrows a minute.</summary>
[TelemetryHandler("myapp-command-counts")]
public sealed partial class CommandCountsPerMinute : IPythonCallStopHandler
{
    private ConcurrentDictionary<string, long> _current = new();

    public void Handle(in PythonCallStop e) => _current.AddOrUpdate(e.Command, 1, (_, count) => count + 1);

    /// <summary>Called once a minute: returns the finished minute and starts a new one.</summary>
    public IReadOnlyDictionary<string, long> Rotate() => Interlocked.Exchange(ref _current, new ConcurrentDictionary<string, long>());
}
