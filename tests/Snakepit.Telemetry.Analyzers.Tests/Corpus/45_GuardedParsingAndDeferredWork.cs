using System;
using System.Text.Json;
using System.Threading.Tasks;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Corpus.C45;

/// <summary>Guarded JSON and checked arithmetic, argument checks in helpers, and other events emitted from a task.</summary>
public sealed class GuardedParsingAndDeferredWork : IPythonCallStopHandler
{
    private long _total;

    public void Handle(in PythonCallStop e)
    {
        try
        {
            var reply = JsonSerializer.Deserialize<Reply>(e.Command);
            _total = checked(_total + (reply?.Size ?? 0));
        }
        catch (JsonException)
        {
        }
        catch (OverflowException)
        {
            _total = 0;
        }

        Record(e.Command);
        var pool = e.PoolName;
        Task.Run(() => SnakepitEvents.PoolStatus(1, 0, 0, 1, pool));
    }

    private static void Record(string command)
    {
        if (command is null)
        {
            throw new ArgumentNullException(nameof(command));
        }

        Console.WriteLine(command);
    }

    private sealed record Reply(long Size);
}
