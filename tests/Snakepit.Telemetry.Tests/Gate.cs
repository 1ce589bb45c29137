using System;
using System.Threading;

namespace Snakepit.Telemetry.Tests;

/// <summary>A handshake for handlers under test: the handler signals that it entered, and waits to be released.</summary>
public sealed class Gate : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private readonly ManualResetEventSlim _entered = new(false);
    private readonly ManualResetEventSlim _released = new(false);

    /// <summary>Called by the handler: says it is inside, then waits for <see cref="Release"/>.</summary>
    public void Pass()
    {
        _entered.Set();
        if (!_released.Wait(Limit))
        {
            throw new TimeoutException("the test never released the gate");
        }
    }

    /// <summary>Waits until a handler is inside.</summary>
    public void WaitEntered()
    {
        if (!_entered.Wait(Limit))
        {
            throw new TimeoutException("no handler reached the gate");
        }
    }

    public void Release() => _released.Set();

    public void Dispose()
    {
        _released.Set();
        _entered.Dispose();
        _released.Dispose();
    }
}
