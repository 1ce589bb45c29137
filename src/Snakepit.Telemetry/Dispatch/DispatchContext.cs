using System;

namespace Snakepit.Telemetry.Dispatch;

/// <summary>
/// What one thread is dispatching right now: how deeply emits nest (a handler that emits, whose handler emits, ...),
/// which handler is running, and, on a background worker's thread, which worker it is and how many re-entries of its
/// own queue led to the event it handles. Used to stop runaway recursion before it ends the process.
/// </summary>
internal sealed class DispatchContext
{
    /// <summary>
    /// How deeply dispatch may nest on one thread, and how long a chain of background hops (a background handler
    /// emitting an event for a background handler, itself or another, ...) may grow, before the handler doing it is
    /// detached as failed.
    /// </summary>
    public const int MaxDepth = 32;

    [ThreadStatic]
    private static DispatchContext? t_current;

    /// <summary>The calling thread's context (created on the thread's first dispatch).</summary>
    public static DispatchContext Current => t_current ??= new DispatchContext();

    /// <summary>How many dispatches are running on this thread, one inside the other.</summary>
    public int Depth;

    /// <summary>The handler whose call is running on this thread (the innermost one).</summary>
    public HandlerRegistration? Handler;

    /// <summary>On a background worker's thread, the worker; null elsewhere.</summary>
    public BackgroundWorker? Worker;

    /// <summary>On a background worker's thread, how many background hops (handler to queue) led to the event being handled.</summary>
    public int Generation;
}
