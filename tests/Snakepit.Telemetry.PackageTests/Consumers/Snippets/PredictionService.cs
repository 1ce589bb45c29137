// The code under test that docs/testing.md names (as in tests/Snakepit.Telemetry.Testing.Tests/PredictionService.cs).
using System.Threading.Tasks;
using MyApp.Telemetry;
using Snakepit.Telemetry.Events;

public sealed class PredictionService
{
    private readonly string _pool;

    public PredictionService(string pool) => _pool = pool;

    public async Task<string> PredictAsync(string userId, string input)
    {
        var request = MyappEvents.StartRequest(userId);
        var call = SnakepitEvents.StartPythonCall(_pool, _pool + "_worker_1", "dspy.predict", "corr-" + userId);
        await Task.Yield();
        call.Stop(PythonCallStopResult.Success);
        request.Stop();
        return input;
    }
}
