using System;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Snakepit.Telemetry;

namespace PythonSample;

/// <summary>One real python3 process running the toy workload, its stderr folded by a <see cref="WorkerTelemetryReader"/>.</summary>
public sealed class PythonWorker
{
    private PythonWorker(WorkerTelemetryReader reader, Process process)
    {
        Reader = reader;
        Process = process;
    }

    public WorkerTelemetryReader Reader { get; }

    public Process Process { get; }

    /// <summary>Starts <c>python toy_worker.py</c>; null with the reason when python cannot start.</summary>
    public static PythonWorker? Start(string python, string script, WorkerContext context, TelemetryDecoder decoder, int calls, int seed, out string? problem)
    {
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = false,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(script)!,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add("--calls");
        start.ArgumentList.Add(calls.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--seed");
        start.ArgumentList.Add(seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            var process = Process.Start(start)!;
            problem = null;
            return new PythonWorker(new WorkerTelemetryReader(decoder, context), process);
        }
        catch (Win32Exception error)
        {
            problem = $"cannot start '{python}': {error.Message}. Install Python 3 (Debian: apt-get install -y python3) or pass --python <path>.";
            return null;
        }
    }

    /// <summary>Folds the worker's stderr until it exits; other lines go to <paramref name="log"/>.</summary>
    public async Task<int> RunAsync(Action<string> log, CancellationToken cancellationToken)
    {
        await Reader.ReadAsync(Process.StandardError.BaseStream, log, cancellationToken);
        await Process.WaitForExitAsync(cancellationToken);
        return Process.ExitCode;
    }
}
