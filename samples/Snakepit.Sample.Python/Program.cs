using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PythonSample;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

// Starts real python3 workers running samples/python/toy_worker.py (which imports snakepit_telemetry.py), folds the
// TELEMETRY: lines of their stderr into Snakepit's typed events with each worker's node, pool and id, and prints what
// the handlers saw and what each reader dropped, by reason.
//   dotnet run --project samples/Snakepit.Sample.Python [-- --workers 3 --calls 20 --python python3 --node node-a --pool default]
var options = Options.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: Snakepit.Sample.Python [--workers N] [--calls N] [--python PATH] [--node NAME] [--pool NAME]");
    return 2;
}

var script = Path.Combine(AppContext.BaseDirectory, "python", "toy_worker.py");
var stats = new PythonCallStats();
TelemetryHub.Default.Attach("python-call-stats", stats);

var decoder = new SnakepitEvents.Decoder();
var workers = new List<(string Id, PythonWorker Worker)>();
for (var i = 1; i <= options.Workers; i++)
{
    var id = $"{options.Pool}_worker_{i}";
    var worker = PythonWorker.Start(options.Python, script, new WorkerContext(options.Node, options.Pool, id), decoder, options.Calls, seed: i, out var problem);
    if (worker is null)
    {
        Console.Error.WriteLine(problem);
        return 3;
    }

    workers.Add((id, worker));
}

Console.WriteLine($"Started {workers.Count} python workers ({options.Python}), {options.Calls} calls each.");
using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
var logLock = new object();
var exits = await Task.WhenAll(workers.Select(w => w.Worker.RunAsync(
    line =>
    {
        lock (logLock)
        {
            Console.WriteLine($"  [{w.Id}] {line}");
        }
    },
    timeout.Token)));

Console.WriteLine();
Console.WriteLine("python-call-stats saw, per worker:");
foreach (var line in stats.Report())
{
    Console.WriteLine("  " + line);
}

Console.WriteLine();
Console.WriteLine("Lines read, per worker:");
foreach (var (id, worker) in workers)
{
    var reader = worker.Reader;
    var dropped = Enum.GetValues<FoldResult>()
        .Where(r => r is not FoldResult.Folded and not FoldResult.NotTelemetry && reader.Count(r) > 0)
        .Select(r => $"{r} {reader.Count(r)}");
    Console.WriteLine($"  {id}: folded {reader.Count(FoldResult.Folded)}, log {reader.Count(FoldResult.NotTelemetry)}, dropped {reader.Dropped} ({string.Join(", ", dropped)})");
}

TelemetryHub.Default.Detach("python-call-stats");
return exits.All(code => code == 0) ? 0 : 1;

/// <summary>The command line.</summary>
internal sealed record Options(int Workers, int Calls, string Python, string Node, string Pool)
{
    public static Options? Parse(string[] args)
    {
        var options = new Options(3, 20, "python3", Environment.MachineName, "default");
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            switch (args[i])
            {
                case "--workers" when int.TryParse(value, out var n) && n > 0: options = options with { Workers = n }; break;
                case "--calls" when int.TryParse(value, out var n) && n >= 0: options = options with { Calls = n }; break;
                case "--python": options = options with { Python = value }; break;
                case "--node": options = options with { Node = value }; break;
                case "--pool": options = options with { Pool = value }; break;
                default: return null;
            }
        }

        return args.Length % 2 == 0 ? options : null;
    }
}
