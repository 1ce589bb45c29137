using System;
using System.Threading.Tasks;
using MyApp.Telemetry;
using Snakepit.Telemetry.Events;

namespace Snakepit.Telemetry.Testing.Tests;

/// <summary>
/// The code under test of the guide's examples: a request that runs a Python command on a (simulated) pool worker,
/// with the app's own span around Snakepit's.
/// </summary>
public sealed class PredictionService
{
    private readonly string _pool;

    public PredictionService(string pool) => _pool = pool;

    public async Task<string> PredictAsync(string userId, string input, bool fail = false)
    {
        var request = MyappEvents.StartRequest(userId);
        var call = SnakepitEvents.StartPythonCall(_pool, _pool + "_worker_1", "dspy.predict", "corr-" + userId, requestSize: input.Length);
        await Task.Yield();
        if (fail)
        {
            call.Exception(new InvalidOperationException("model not loaded"), "RuntimeError", ErrorCategory.PythonError);
            request.Stop();
            throw new InvalidOperationException("model not loaded");
        }

        call.Stop(PythonCallStopResult.Success, responseSize: 2 * input.Length);
        request.Stop();
        return input.ToUpperInvariant();
    }
}
